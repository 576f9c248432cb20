/**
 * The script-tag entry (`dist/crumbs.js`): the only module with top-level side effects.
 *
 * Reads the inventory from an inline `<script type="application/json" id="crumbs-inventory">` or the
 * `data-inventory` URL, reads options from the script tag's `data-*` attributes, creates the
 * instance as `window.Crumbs`, and loads `crumbs-ui.js` (next to this file) only when the UI is
 * needed. Never throws into the page: every failure fails closed with one console error and an
 * `error` event.
 */
import Cookies from 'js-cookie';
import { decodeDecision } from './core/consent/decision-codec';
import { createCrumbs } from './core/create-crumbs';
import { readGpc } from './core/read-gpc';
import { createConsentMode, storedConsentTypes, type ConsentMode } from './integrations/google-consent-mode';
import type { Crumbs } from './types';

declare global {
  interface Window {
    /** The Crumbs instance created by the script tag. */
    Crumbs?: Crumbs;
  }
}

const DEFAULT_TIMEOUT_MS = 5000;

/** Fetches the inventory, failing with a message that names the URL and what went wrong. */
async function fetchInventory(url: string, timeoutMs: number): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
    if (!response.ok) throw 'HTTP ' + response.status;
    return await response.json();
  } catch (error) {
    throw new Error(
      url + ': ' + (controller.signal.aborted ? 'no answer within ' + timeoutMs + ' ms' : String(error)),
    );
  } finally {
    clearTimeout(timer);
  }
}

function readInventory(script: HTMLScriptElement | null): unknown {
  const url = script?.getAttribute('data-inventory');
  if (url) return fetchInventory(new URL(url, location.href).href, Number(script!.dataset.timeout) || DEFAULT_TIMEOUT_MS);
  const inline = document.getElementById('crumbs-inventory');
  if (!inline) throw new Error('no inventory: add data-inventory="/cookies.json" to the script tag, or an inline <script type="application/json" id="crumbs-inventory">.');
  try {
    return JSON.parse(inline.textContent ?? '');
  } catch (error) {
    throw new Error('#crumbs-inventory is not valid JSON (' + (error as Error).message + ')');
  }
}

/**
 * With a remote inventory, Google tags after this script could run before the inventory arrives, so
 * Consent Mode defaults, and the stored decision as an update, are pushed now from what is known
 * synchronously: the `data-google-consent-mode` attribute, or a stored decision that recorded its
 * Consent Mode state. The instance corrects the update when the inventory arrives (another revision,
 * `gpc: "ignore"`...) and withdraws it if the inventory fails. An inline inventory needs none of
 * this: the instance starts synchronously.
 */
function replayConsentMode(script: HTMLScriptElement | null, consentMode: ConsentMode): void {
  const stored = decodeDecision(Cookies.get(script?.dataset.cookieName || 'crumbs_consent'));
  if (stored?.m == null && !script?.hasAttribute('data-google-consent-mode')) return;
  consentMode.defaults();
  if (stored?.m != null) consentMode.update(storedConsentTypes(stored.m, stored.g == 1, readGpc()), false);
}

function main(): void {
  if (window.Crumbs) {
    console.error('[crumbs] crumbs.js was included twice; the second copy does nothing.');
    return;
  }
  const script = document.currentScript as HTMLScriptElement | null;
  const consentMode = createConsentMode();
  let inventory: unknown;
  let uiUrl = '';
  try {
    uiUrl = new URL(script?.dataset.ui ?? 'crumbs-ui.js', script?.src || location.href).href;
    inventory = readInventory(script);
    if (inventory instanceof Promise) replayConsentMode(script, consentMode);
  } catch (error) {
    inventory = Promise.reject(error);
  }
  window.Crumbs = createCrumbs(
    {
      inventory,
      lang: script?.dataset.lang,
      ui: (context) => import(/* @vite-ignore */ uiUrl).then((module) => module.mountUi(context)),
    },
    consentMode,
  );
}

try {
  main();
} catch (error) {
  // Never into the host page: whatever failed, the page goes on and nothing optional runs.
  console.error('[crumbs] could not start:', error);
}
