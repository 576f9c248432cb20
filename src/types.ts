/**
 * Every public type of Crumbs lives here, so the whole contract can be read in one file.
 *
 * Two families:
 * - `Inventory*` types describe the JSON inventory as a site owner writes it (SPEC section 3).
 * - `Crumbs*` / `Consent*` types describe the runtime API (SPEC section 7).
 *
 * The lists behind a few of them (Consent Mode types, vendor consent APIs) are written once, as
 * tables in `integrations/`, and these types are derived from them.
 *
 * @packageDocumentation
 */

import type { GoogleConsentType } from './integrations/consent-mode-types';
import type { VendorConsentType } from './integrations/vendors/index';

/** A text from the inventory: one string for every language, or a map of language tag to string. */
export type InventoryText = string | { readonly [lang: string]: string };

export type { GoogleConsentType, VendorConsentType };

/** Where a declared item lives in the browser. Cookies are the default. */
export type InventoryStorageKind = 'cookie' | 'localStorage' | 'sessionStorage';

/** One cookie (or storage key) declared by a service, as written in the inventory. */
export interface InventoryCookie {
  /**
   * Cookie name. `*` and `{placeholder}` match any run of characters (also none), and a string
   * of the form `/regex/` (flag `i` allowed) is a regular expression.
   */
  readonly name: string;
  /** How long it lives, as the policy says it ("2 years", "session"). */
  readonly duration?: InventoryText;
  /** What it is for. */
  readonly description?: InventoryText;
  /** Domain it is set on, when it is not the site's own (shown in the cookie table). */
  readonly domain?: string;
  /** Storage kind; defaults to `cookie`. */
  readonly storage?: InventoryStorageKind;
}

/** A vendor consent API that Crumbs calls when the service is granted or revoked. */
export interface InventoryVendorConsent {
  /** Which vendor API to call. `dataLayer` pushes the given objects instead. */
  readonly type: VendorConsentType;
  /** Google Analytics measurement ids (`G-XXXX`) to set `ga-disable-<id>` for on revoke. */
  readonly measurementIds?: readonly string[];
  /** Object pushed to `dataLayer` on grant (type `dataLayer` only). */
  readonly grant?: Readonly<Record<string, unknown>>;
  /** Object pushed to `dataLayer` on revoke (type `dataLayer` only). */
  readonly revoke?: Readonly<Record<string, unknown>>;
}

/** A category as written in the inventory. */
export interface InventoryCategory {
  /** Unique id. `necessary`, `analytics`, `functionality` and `targeting` have built-in texts. */
  readonly id: string;
  /** Always granted and not switchable. Exactly the categories with `required: true` are. */
  readonly required?: boolean;
  /** Display name; required for custom categories. */
  readonly name?: InventoryText;
  /** Purpose description; required for custom categories. */
  readonly description?: InventoryText;
  /** Consent Mode types this category grants (overrides the default mapping). */
  readonly googleConsent?: readonly GoogleConsentType[];
  /** Marks a category as sale/sharing of personal data, which a GPC signal opts out of. `targeting` is by default. */
  readonly saleOrSharing?: boolean;
}

/** A service (a vendor or tool) as written in the inventory. */
export interface InventoryService {
  /** Unique id across categories and services; used in `data-consent`. */
  readonly id: string;
  /** Display name. */
  readonly name: InventoryText;
  /** Company providing the service. */
  readonly provider?: InventoryText;
  /** Id of the category the service belongs to. */
  readonly category: string;
  /** What the service does for the site. */
  readonly description?: InventoryText;
  /** The provider's privacy policy (http(s) or relative URL). */
  readonly policyUrl?: string;
  /** Hosts the service loads from (`*.google-analytics.com` allowed). */
  readonly hosts?: readonly string[];
  /** Cookies and storage keys the service sets. */
  readonly cookies?: readonly InventoryCookie[];
  /** Why the site cannot work without it (expected for services in a required category). */
  readonly justification?: InventoryText;
  /** Vendor consent APIs to call on grant and revoke. */
  readonly vendorConsent?: readonly InventoryVendorConsent[];
}

/** Settings of the consent cookie. */
export interface InventoryConsentSettings {
  /** Cookie name; default `crumbs_consent`. */
  readonly cookieName?: string;
  /** Domain to share the decision across subdomains (`example.com`). Default: the current host only. */
  readonly domain?: string;
  /** Lifetime of a decision in days; default 182, at most 395. */
  readonly maxAgeDays?: number;
  /** Reload the page once when a revoked service's script already ran; default true. */
  readonly reloadOnRevoke?: boolean;
  /** URL that receives every consent record with `navigator.sendBeacon`. */
  readonly logUrl?: string;
}

/** Region-specific Consent Mode defaults. */
export interface InventoryConsentRegion {
  /** ISO 3166-2 region codes (`ES`, `US-CA`). */
  readonly region: readonly string[];
  /** Consent types granted by default in these regions. */
  readonly granted: readonly GoogleConsentType[];
}

/** Google Consent Mode v2 settings. */
export interface InventoryGoogleConsentMode {
  /** Push Consent Mode commands to `dataLayer`. */
  readonly enabled?: boolean;
  /** Milliseconds Google tags wait for an update; default 500. */
  readonly waitForUpdate?: number;
  /** `gtag('set', 'ads_data_redaction', ...)`; default true. */
  readonly adsDataRedaction?: boolean;
  /** `gtag('set', 'url_passthrough', ...)`; default false. */
  readonly urlPassthrough?: boolean;
  /** `basic` (default): Google tags stay gated; `advanced`: they load with denied defaults. */
  readonly mode?: 'basic' | 'advanced';
  /** Region-specific defaults. */
  readonly regions?: readonly InventoryConsentRegion[];
}

/** Visitor-facing UI settings. */
export interface InventoryUiSettings {
  /** Banner layout; default `bar`. */
  readonly layout?: 'bar' | 'box';
  /** Colour scheme; default `auto` (follows `prefers-color-scheme`). */
  readonly theme?: 'auto' | 'light' | 'dark';
  /** Position of the cookie-settings button shown after a decision, or `none`. */
  readonly settingsButton?: 'bottom-left' | 'bottom-right' | 'none';
}

/** The inventory file (`cookies.json`) as a site owner writes it. */
export interface InventoryInput {
  /** Optional JSON Schema reference for editors. */
  readonly $schema?: string;
  /** Bump to ask every visitor again. Non-negative integer; default 0. */
  readonly revision?: number;
  /** The site's cookie or privacy policy. */
  readonly policyUrl?: string;
  /** Categories in display order. */
  readonly categories: readonly InventoryCategory[];
  /** Services, each in one category. */
  readonly services?: readonly InventoryService[];
  /** Consent cookie settings. */
  readonly consent?: InventoryConsentSettings;
  /** Google Consent Mode v2 settings. */
  readonly googleConsentMode?: InventoryGoogleConsentMode;
  /** Global Privacy Control handling; default `honor`. */
  readonly gpc?: 'honor' | 'ignore';
  /** UI settings. */
  readonly ui?: InventoryUiSettings;
  /** UI text overrides per language: `{ "de": { "banner.title": "..." } }`. */
  readonly texts?: { readonly [lang: string]: { readonly [key: string]: string } };
}

/** A declared cookie after validation: its name compiled into a matcher. */
export interface Cookie extends InventoryCookie {
  /** Storage kind, defaulted. */
  readonly storage: InventoryStorageKind;
  /** Matches cookie names this declaration covers. */
  readonly matcher: RegExp;
}

/** A category after validation. */
export interface Category extends InventoryCategory {
  /** Whether the category is always granted. */
  readonly required: boolean;
  /** Whether a GPC signal opts out of it. */
  readonly saleOrSharing: boolean;
}

/** A service after validation. */
export interface Service extends InventoryService {
  /** Hosts, defaulted to empty. */
  readonly hosts: readonly string[];
  /** Cookies with matchers. */
  readonly cookies: readonly Cookie[];
}

/** Consent cookie settings with defaults applied. */
export interface ConsentSettings {
  /** Cookie name. */
  readonly cookieName: string;
  /** Cookie domain, if shared across subdomains. */
  readonly domain?: string;
  /** Lifetime in days. */
  readonly maxAgeDays: number;
  /** Reload once after a revoke when a revoked script ran. */
  readonly reloadOnRevoke: boolean;
  /** Consent log endpoint. */
  readonly logUrl?: string;
}

/** A validated, frozen inventory with every default applied. */
export interface Inventory {
  /** Inventory revision. */
  readonly revision: number;
  /** Policy URL. */
  readonly policyUrl?: string;
  /** Categories in display order. */
  readonly categories: readonly Category[];
  /** Services in inventory order. */
  readonly services: readonly Service[];
  /** Consent cookie settings. */
  readonly consent: ConsentSettings;
  /** Google Consent Mode settings as given (absent when not configured). */
  readonly googleConsentMode?: InventoryGoogleConsentMode;
  /** GPC handling. */
  readonly gpc: 'honor' | 'ignore';
  /** UI settings as given. */
  readonly ui: InventoryUiSettings;
  /** UI text overrides per language. */
  readonly texts: { readonly [lang: string]: { readonly [key: string]: string } };
  /** Short hash of the inventory content, recorded with each decision. */
  readonly hash: string;
}

/** One problem found in an inventory, located by its JSON path. */
export interface InventoryProblem {
  /** JSON path such as `services[2].cookies[0].name` (empty string for the root). */
  readonly path: string;
  /** What is wrong, in plain words. */
  readonly message: string;
}

/** The outcome of validating an inventory: all errors and warnings, and the inventory when valid. */
export interface InventoryValidation {
  /** The validated inventory; present only when there are no errors. */
  readonly inventory?: Inventory;
  /** Problems that make the inventory unusable. */
  readonly errors: readonly InventoryProblem[];
  /** Problems worth fixing that do not stop the inventory from being used. */
  readonly warnings: readonly InventoryProblem[];
}

/**
 * How a decision was made. `revoke` is any decision that takes back something granted before
 * (reject all or save after an earlier grant); `embed` is "always allow" on a placeholder.
 */
export type ConsentAction = 'accept-all' | 'reject-all' | 'save' | 'revoke' | 'embed';

/**
 * What a consent record says happened: a stored decision's action, or one that stores nothing:
 * `embed-once` ("Load once" on a placeholder) and `reset` (`reset()` forgot the decision).
 */
export type RecordAction = ConsentAction | 'embed-once' | 'reset';

/** Where the visitor was when deciding: the banner, the preferences dialog, an embed's placeholder, or the site's own code. */
export type NoticeLayer = 'banner' | 'dialog' | 'placeholder' | 'api';

/** A notice snapshot and its hash, as `noticeSnapshot()` returns them and `POST /notices` of the log service takes them. */
export interface NoticeSnapshot {
  /** `sha256:` and the SHA-256 of `snapshot`'s UTF-8 bytes; consent records carry it. */
  readonly noticeHash: string;
  /** The canonical snapshot (JSON text, keys sorted): what the visitor was shown, in their language. */
  readonly snapshot: string;
}

/** A stored decision, as `getConsent()` returns it. */
export interface Consent {
  /** Random consent id (a UUID v4), never derived from personal data. */
  readonly id: string;
  /** Decision time, ISO 8601 UTC. */
  readonly time: string;
  /** Inventory revision the decision was made for. */
  readonly revision: number;
  /** How the decision was made. */
  readonly action: ConsentAction;
  /** Granted category ids, required categories included. */
  readonly categories: readonly string[];
  /** Granted service ids. */
  readonly services: readonly string[];
  /** Per-service exceptions the visitor chose (`{ hotjar: false }`). */
  readonly exceptions: { readonly [serviceId: string]: boolean };
  /** Ids of the services the visitor was shown when deciding. */
  readonly shown: readonly string[];
  /** Language of the notice. */
  readonly lang: string;
  /** Whether a Global Privacy Control signal was present. */
  readonly gpc: boolean;
}

/** A choice passed to `save()`. */
export interface ConsentChoice {
  /** Category ids to grant (required ones are always granted). */
  readonly categories?: readonly string[];
  /** Per-service exceptions: `false` turns a service of a granted category off, `true` grants one service alone. */
  readonly services?: { readonly [serviceId: string]: boolean };
}

/** The proof-of-consent record sent to `logUrl` and carried by the `consent` event. */
export interface ConsentRecord extends Omit<Consent, 'action'> {
  /** Random id of this record (a UUID v4): a log service stores a retried record once. */
  readonly recordId: string;
  /** What happened (SPEC section 8). */
  readonly action: RecordAction;
  /** Where the visitor was when deciding. */
  readonly layer: NoticeLayer;
  /**
   * Hash of the notice the visitor was shown, in their language and on that layer (`sha256:...`);
   * `noticeSnapshot()` returns the snapshot it stands for.
   */
  readonly noticeHash: string;
  /** Hash of the inventory the visitor was shown. */
  readonly inventoryHash: string;
  /** Crumbs version. */
  readonly version: string;
}

/**
 * The consent state at one moment, as `getSnapshot()` returns it: the same frozen object until the
 * state changes, so that React's `useSyncExternalStore` and Vue's `shallowRef` can hold it as is.
 */
export interface ConsentSnapshot {
  /**
   * `loading` until the inventory is loaded and the stored choice applied; `ready` from then on;
   * `failed` when start-up failed (nothing optional runs).
   */
  readonly status: 'loading' | 'ready' | 'failed';
  /** The decision in force, or null (none yet, or forgotten by `reset()`). */
  readonly consent: Consent | null;
  /** Every category and service id granted now, in inventory order (required categories included). */
  readonly granted: readonly string[];
}

/** Payload of the `change` event. */
export interface ConsentChange {
  /** Category and service ids granted by this change. */
  readonly granted: readonly string[];
  /** Category and service ids revoked by this change. */
  readonly revoked: readonly string[];
  /** The decision now in force, or null after `reset()`. */
  readonly consent: Consent | null;
}

/** Payload of the `error` event. */
export interface CrumbsError {
  /** What went wrong, naming the problem (`services[2].cookies[0].name: expected a non-empty string`). */
  readonly message: string;
  /** Every inventory problem, when the error is an invalid inventory. */
  readonly problems?: readonly InventoryProblem[];
}

/** Events and their payloads; also dispatched on `document` as `crumbs:<name>` CustomEvents. */
export interface CrumbsEvents {
  /** The inventory is loaded and the stored choice applied. */
  ready: Consent | null;
  /** A decision was made (every decision, with the full record). */
  consent: ConsentRecord;
  /** The granted set changed. */
  change: ConsentChange;
  /** Something failed; Crumbs failed closed. */
  error: CrumbsError;
}

/** Which UI the core asks for. */
export type UiView = 'banner' | 'preferences';

/** What the core hands the UI: the instance and facts the UI needs but the public API does not expose. */
export interface UiContext {
  /** The Crumbs instance the UI drives. */
  readonly crumbs: Crumbs;
  /** The validated inventory (an empty one when `broken`). */
  readonly inventory: Inventory;
  /**
   * Start-up failed (the inventory is missing or invalid): nothing optional runs, the UI only tells
   * the visitor so (a notice instead of the banner or dialog, placeholders without buttons).
   */
  readonly broken?: boolean;
  /** Language picked for the UI. */
  readonly lang: string;
  /** Whether a GPC signal is honoured now. */
  readonly gpc: boolean;
  /** Gated embeds that are not granted yet and want a placeholder. */
  readonly blockedEmbeds: () => readonly Element[];
  /** Activates one gated element once, without storing a decision ("load once"); sends its `embed-once` record. */
  readonly loadOnce: (element: Element) => void;
  /** Says where the next decision comes from (`banner` or `dialog`), for its consent record. */
  readonly layer: (layer: NoticeLayer) => void;
  /** Records an `embed` decision that grants one service ("always allow"). */
  readonly allowService: (serviceId: string) => void;
  /** Document the UI renders into. */
  readonly document: Document;
}

/** The UI part, as the core drives it through one seam. */
export interface UiHandle {
  /** Shows the banner or the preferences dialog; `opener` gets focus back when the dialog closes. */
  show(view: UiView, opener?: Element | null): void;
  /** Hides whatever is shown. */
  hide(): void;
  /** Tells the UI that the decision or the blocked embeds changed. */
  update(): void;
  /** Removes everything the UI added. */
  destroy(): void;
}

/** Loads and mounts the UI; called only when the UI is needed. */
export type UiLoader = (context: UiContext) => Promise<UiHandle> | UiHandle;

/** Options of `createCrumbs()`. */
export interface CrumbsOptions {
  /** The inventory: a parsed JSON value, or a promise of one (validated before use). */
  readonly inventory: unknown;
  /** UI language; default: `<html lang>`, then the browser's languages, then English. */
  readonly lang?: string;
  /** Loads the UI when needed. Without it Crumbs is headless. */
  readonly ui?: UiLoader;
  /** Activate gated markup (`data-consent`) and watch for new elements; default true. */
  readonly gate?: boolean;
  /** Show the banner by itself when no valid decision exists; default true. */
  readonly autoShow?: boolean;
  /**
   * Reloads the page after a revoke that withdrew a script which already ran (a script that ran
   * cannot be unloaded); default `location.reload()`. A single-page app may pass its router's full
   * reload. Not called when the inventory sets `consent.reloadOnRevoke: false`.
   */
  readonly reload?: () => void;
}

/** A Crumbs instance: the public API of SPEC section 7. */
export interface Crumbs {
  /** Resolves once the inventory is loaded and the stored choice applied (with the decision or null). Never rejects. */
  readonly ready: Promise<Consent | null>;
  /** The decision in force, or null when there is none. */
  getConsent(): Consent | null;
  /** Whether a category or service id is granted now. Unknown ids are not granted. */
  isGranted(id: string): boolean;
  /**
   * Grants every optional category and service. Like `rejectAll`, `save` and `reset`, it resolves
   * once the decision is stored and applied (the script tag may first load `crumbs-decide.js`), so
   * `await Crumbs.acceptAll()` before navigating away. Never rejects.
   */
  acceptAll(): Promise<void>;
  /** Denies every optional category and service; resolves once stored and applied. */
  rejectAll(): Promise<void>;
  /** Grants the given categories and service exceptions, denies the rest; resolves once stored and applied. */
  save(choice: ConsentChoice): Promise<void>;
  /** Shows the banner. */
  showBanner(): void;
  /** Shows the preferences dialog; focus returns to `opener` when it closes. */
  showPreferences(opener?: Element | null): void;
  /** Hides the banner or dialog. */
  hide(): void;
  /** Forgets the decision (deletes the consent cookie) and asks again; resolves once done. */
  reset(): Promise<void>;
  /**
   * Calls `onChange` after every change a reader of {@link Crumbs.getSnapshot} could see (start-up,
   * a failure, a decision, a grant change); returns the unsubscribe function. With
   * `getSnapshot`, the store contract of React's `useSyncExternalStore(crumbs.subscribe,
   * crumbs.getSnapshot)`; both work without `this`.
   */
  subscribe(onChange: () => void): () => void;
  /** The consent state now; the same object until it changes. */
  getSnapshot(): ConsentSnapshot;
  /**
   * The canonical snapshot of the notice in the visitor's language, and its hash, as consent records
   * carry it: archive it (or `POST` it to the log service's `/notices`) to prove later what a
   * record's `noticeHash` stands for. Null when there is no valid inventory. Never rejects.
   * @param layer - the layer the snapshot is for (default `banner`)
   */
  noticeSnapshot(layer?: NoticeLayer): Promise<NoticeSnapshot | null>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof CrumbsEvents>(event: K, handler: (payload: CrumbsEvents[K]) => void): () => void;
  /** Stops observing the page and removes the UI. */
  destroy(): void;
}
