import { formatProblem, validateInventory } from '../core/inventory';
import type { InventoryCookie, InventoryInput, InventoryService, InventoryStorageKind } from '../types';
import { durationsDiffer, formatDuration, parseDuration } from './durations';
import { isFirstParty } from './hosts';
import { inventoryLookup } from './inventory-lookup';
import { knownCookie, knownServiceOfHost, type KnownService } from './known-services';

/** A cookie or storage key the scan saw. */
export interface ObservedItem {
  readonly name: string;
  readonly kind: InventoryStorageKind;
  /** The cookie's domain (cookies only). */
  readonly domain?: string;
  /** Seconds it had left when read, or null for a session cookie (and for storage keys). */
  readonly lifetime: number | null;
  /** Hosts of the scripts or responses that set it. */
  readonly setBy: readonly string[];
}

/** What the scan saw on the site. */
export interface Observations {
  readonly siteHost: string;
  readonly items: readonly ObservedItem[];
  /** Hosts other than the site's that the pages contacted. */
  readonly thirdPartyHosts: readonly string[];
  /** Names of Crumbs' consent cookie (necessary, declared under "crumbs"). */
  readonly consentCookieNames: readonly string[];
}

/** The category that makes the validator refuse a draft until a person classifies each service in it. */
export const UNKNOWN = 'unknown';

type DraftService = { -readonly [K in keyof InventoryService]: InventoryService[K] } & { hosts: string[]; cookies: InventoryCookie[] };

const slug = (host: string) => host.replace(/^www\./, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase();

/**
 * A draft inventory (SPEC section 3) from what a site really set: one service per well-known service
 * (data/known-services.json, with its suggested category and description) and per unknown host,
 * with the cookies' durations read from their real expiry. Cookies and hosts nobody knows are put in
 * services of category `"unknown"`, which no inventory declares, so the validator refuses the draft
 * until a person decides.
 */
export function draftInventory(seen: Observations): InventoryInput {
  const services = new Map<string, DraftService>();
  const serviceFor = (id: string, make: () => DraftService) => services.get(id) ?? services.set(id, make()).get(id)!;
  const fromKnown = (k: KnownService): DraftService => ({
    id: k.id,
    name: k.name,
    provider: k.provider,
    category: k.category,
    description: k.description,
    ...(k.justification ? { justification: k.justification } : {}),
    policyUrl: k.policyUrl,
    hosts: [],
    cookies: [],
  });
  const unknownFor = (host: string): DraftService => ({
    id: `unknown-${slug(host)}`,
    name: host == seen.siteHost ? `Set by this site (${host})` : `Set by ${host}`,
    category: UNKNOWN,
    description: `Found by crumbs-consent scan: say what it does and pick its category.`,
    hosts: host == seen.siteHost ? [] : [host],
    cookies: [],
  });
  const crumbs = (): DraftService => ({
    id: 'crumbs',
    name: 'Cookie consent',
    category: 'necessary',
    description: 'Remembers the choice made in the cookie notice.',
    justification: 'Without it the site could not respect the visitor\'s choice.',
    hosts: [],
    cookies: [],
  });
  for (const item of seen.items) {
    const domain = item.domain?.replace(/^\./, '');
    const thirdParty = !!domain && !isFirstParty(domain, seen.siteHost);
    let service: DraftService;
    let name = item.name;
    let description: string | undefined;
    if (item.kind == 'cookie' && seen.consentCookieNames.includes(item.name)) {
      service = serviceFor('crumbs', crumbs);
      description = 'Stores the visitor\'s cookie choice: a random consent id, when they decided, and what they allowed.';
    }
    else {
      const known = knownCookie(item.name, item.domain);
      const byHost = known ? undefined : item.setBy.map(knownServiceOfHost).find(Boolean);
      if (known) {
        service = serviceFor(known.service.id, () => fromKnown(known.service));
        // The documented pattern (`_ga_*`) covers the ids in real names (`_ga_7RQ2D5KCMX`).
        if (!known.cookie.catchAll) name = known.cookie.name;
        description = known.cookie.description;
      } else if (byHost) service = serviceFor(byHost.id, () => fromKnown(byHost));
      else {
        const host = thirdParty ? domain! : (item.setBy.find((h) => !isFirstParty(h, seen.siteHost)) ?? seen.siteHost);
        service = serviceFor(`unknown-${slug(host)}`, () => unknownFor(host));
      }
    }
    const existing = service.cookies.find((c) => c.name == name && (c.storage ?? 'cookie') == item.kind);
    if (existing) continue;
    service.cookies.push({
      name,
      duration: formatDuration(item.kind == 'cookie' ? item.lifetime : null),
      description: description ?? 'Found by crumbs-consent scan: say what it does.',
      ...(thirdParty ? { domain: '.' + domain } : {}),
      ...(item.kind != 'cookie' ? { storage: item.kind } : {}),
    });
  }
  for (const host of seen.thirdPartyHosts) {
    const known = knownServiceOfHost(host);
    const service = known ? serviceFor(known.id, () => fromKnown(known)) : [...services.values()].find((s) => s.hosts.includes(host)) ?? serviceFor(`unknown-${slug(host)}`, () => unknownFor(host));
    if (!service.hosts.includes(host)) service.hosts.push(host);
  }
  const list = [...services.values()].map((s) => {
    const out: Record<string, unknown> = { ...s };
    if (!s.hosts.length) delete out.hosts;
    return out as unknown as InventoryService;
  });
  // In category order, unknown last (the order a person reviews them in), then by id: stable drafts.
  const order = ['necessary', 'analytics', 'functionality', 'targeting', UNKNOWN];
  const rank = (s: InventoryService) => order.indexOf(s.category);
  list.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    revision: 1,
    categories: [{ id: 'necessary', required: true }, { id: 'analytics' }, { id: 'functionality' }, { id: 'targeting' }],
    services: list,
  };
}

/** What the validator says about a draft, as lines (errors first). */
export function draftProblems(draft: unknown): { valid: boolean; lines: string[] } {
  const { errors, warnings } = validateInventory(draft);
  return { valid: errors.length == 0, lines: [...errors.map((p) => `error  ${formatProblem(p)}`), ...warnings.map((p) => `warning  ${formatProblem(p)}`)] };
}

/** One line of a diff between an inventory and what the scan saw. */
export interface DiffLine {
  readonly change: 'new' | 'gone' | 'changed duration';
  readonly name: string;
  readonly detail: string;
}

/**
 * Compares an existing inventory with what the scan saw: cookies and keys it does not declare
 * (new), declared ones not seen (gone: from these pages at least), and declared durations more than
 * 10 % away from the real expiry (changed duration).
 */
export function diffInventory(json: unknown, seen: Observations): DiffLine[] {
  const { inventory } = validateInventory(json);
  if (!inventory) return [];
  const lookup = inventoryLookup(inventory);
  const out: DiffLine[] = [];
  const matched = new Set<unknown>();
  for (const item of seen.items) {
    if (item.kind == 'cookie' && lookup.isConsentCookie(item.name)) {
      inventory.services.forEach((s) => s.cookies.forEach((c) => c.storage == 'cookie' && seen.consentCookieNames.some((n) => c.matcher.test(n)) && matched.add(c)));
      continue;
    }
    const declared = lookup.declared(item.name, item.kind, item.domain);
    const label = `${item.kind == 'cookie' ? '' : item.kind + ' '}${item.name}${item.domain ? ` (${item.domain.replace(/^\./, '')})` : ''}`;
    if (!declared) {
      const known = knownCookie(item.name, item.domain)?.service;
      out.push({ change: 'new', name: label, detail: `${formatDuration(item.kind == 'cookie' ? item.lifetime : null)}${known ? `, looks like ${known.name} (${known.category})` : ''}` });
      continue;
    }
    matched.add(declared.cookie);
    const stated = parseDuration(declared.cookie.duration);
    const real = item.kind == 'cookie' ? item.lifetime : null;
    if (stated !== undefined && item.kind == 'cookie' && durationsDiffer(stated, real))
      out.push({ change: 'changed duration', name: label, detail: `declared "${String(declared.cookie.duration)}" in "${declared.service.id}", really ${formatDuration(real)}` });
  }
  for (const service of inventory.services)
    for (const cookie of service.cookies)
      if (!matched.has(cookie)) out.push({ change: 'gone', name: `${cookie.storage == 'cookie' ? '' : cookie.storage + ' '}${cookie.name}`, detail: `declared in "${service.id}", not seen on the pages scanned` });
  return out;
}
