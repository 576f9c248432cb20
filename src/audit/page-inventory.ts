import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { formatProblem, validateInventory } from '../core/inventory';
import type { Inventory } from '../types';
import { AuditError } from './audit-error';

/** Where Crumbs lives on a page, as the page shows it. */
export interface CrumbsOnPage {
  /** `window.Crumbs` is a Crumbs instance (its `ready` is a promise). */
  readonly present: boolean;
  /** The directory `crumbs.js` was loaded from (its other files load from there too). */
  readonly scriptBase?: string;
  /** The inventory as the page gives it: parsed JSON, or why it could not be read. */
  readonly inventory?: { json?: unknown; url?: string; error?: string };
}

/**
 * Finds Crumbs on the loaded page: the `window.Crumbs` instance, the `crumbs.js` script, and the
 * inventory it reads (`data-inventory` fetched from the page, so with the page's cookies and
 * routing, or the inline `#crumbs-inventory`).
 */
export async function crumbsOnPage(page: Page): Promise<CrumbsOnPage> {
  return page.evaluate(async () => {
    const crumbs = (window as { Crumbs?: { ready?: unknown } }).Crumbs;
    const present = !!crumbs && crumbs.ready instanceof Promise;
    const script = Array.from(document.scripts).find((s) => /\/crumbs(\.min)?\.js(\?|$)/.test(s.src) || s.hasAttribute('data-inventory'));
    const scriptBase = script?.src ? new URL('.', script.src).href : undefined;
    const src = script?.getAttribute('data-inventory');
    let inventory: { json?: unknown; url?: string; error?: string } | undefined;
    if (src) {
      const url = new URL(src, location.href).href;
      try {
        const response = await fetch(url);
        inventory = response.ok ? { json: await response.json(), url } : { url, error: 'HTTP ' + response.status };
      } catch (error) {
        inventory = { url, error: String(error) };
      }
    } else {
      const inline = document.getElementById('crumbs-inventory');
      if (inline)
        try {
          inventory = { json: JSON.parse(inline.textContent || '') };
        } catch (error) {
          inventory = { error: '#crumbs-inventory: ' + String(error) };
        }
    }
    return { present, ...(scriptBase ? { scriptBase } : {}), ...(inventory ? { inventory } : {}) };
  });
}

/**
 * Reads an inventory given with `--inventory`: a file, or an http(s) URL fetched by Node.
 * @throws AuditError when it cannot be read or is not JSON
 */
export async function readInventoryOption(source: string): Promise<unknown> {
  let text: string;
  try {
    if (/^https?:\/\//i.test(source)) {
      const response = await fetch(source);
      if (!response.ok) throw new Error('HTTP ' + response.status);
      text = await response.text();
    } else text = await readFile(source, 'utf8');
  } catch (error) {
    throw new AuditError(`cannot read the inventory ${source}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new AuditError(`the inventory ${source} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Validates an inventory with Crumbs' own validator (the rules the widget applies).
 * @param where - how to name it in the message
 * @throws AuditError naming every error when it is invalid
 */
export function validInventory(json: unknown, where: string): Inventory {
  const { inventory, errors } = validateInventory(json);
  if (!inventory) throw new AuditError(`the inventory (${where}) is invalid, so Crumbs runs nothing optional on this site:\n  ${errors.map(formatProblem).join('\n  ')}`);
  return inventory;
}
