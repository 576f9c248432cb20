// README.md's examples, run: the markup against the inventory it shows, that inventory through the
// validator, and (here, that they are found; tests/package.test.ts compiles them against the packed
// package in every module resolution) the API examples.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCrumbs } from '../../src/core/create-crumbs';
import { validateAndLint } from '../../src/core/inventory/lint-inventory';
import type { Crumbs } from '../../src/types';
import { inventoryExamples, npmApiExamples, readmeBlocks } from './extract';

const blocks = readmeBlocks();
const where = (line: number) => `README.md:${line}`;

/** The one complete inventory the README shows ("The inventory"). */
function readmeInventory() {
  const found = inventoryExamples(blocks);
  expect(found.map((f) => where(f.block.line)), 'complete inventories in README.md').toHaveLength(1);
  return found[0]!;
}

const markupBlocks = () => blocks.filter((b) => b.lang === 'html' && b.code.includes('data-consent'));

const instances: Crumbs[] = [];
afterEach(() => {
  for (const crumbs of instances.splice(0)) crumbs.destroy();
});

describe('README.md', () => {
  it('shows an inventory that the validator accepts without an error', () => {
    const { block, json } = readmeInventory();
    const { errors } = validateAndLint(json);
    expect(errors, where(block.line)).toEqual([]);
  });

  it('gates, in every markup example, only category and service ids of that inventory', () => {
    const { json } = readmeInventory();
    const known = new Set([...json.categories, ...(json.services ?? [])].map((x) => x.id));
    const examples = markupBlocks();
    expect(examples.length, 'markup examples with data-consent').toBeGreaterThan(0);
    for (const block of examples) {
      const page = new DOMParser().parseFromString(block.code, 'text/html');
      const ids = [...page.querySelectorAll('[data-consent]')].flatMap((e) => e.getAttribute('data-consent')!.match(/\S+/g) ?? []);
      expect(ids.length, where(block.line)).toBeGreaterThan(0);
      expect(ids.filter((id) => !known.has(id)), `${where(block.line)}: ids that are no category or service`).toEqual([]);
    }
  });

  it('runs every markup example with that inventory without a markup warning from Crumbs', async () => {
    const { json } = readmeInventory();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const block of markupBlocks()) {
      warn.mockClear();
      // innerHTML never runs scripts; Crumbs activates nothing without a decision.
      document.body.innerHTML = block.code;
      const crumbs = createCrumbs({ inventory: json, autoShow: false, reload: () => {} });
      instances.push(crumbs);
      await crumbs.ready;
      expect(warn.mock.calls.map((c) => String(c[0])), where(block.line)).toEqual([]);
      instances.pop()!.destroy();
      document.body.innerHTML = '';
    }
  });

  it('has API examples for the npm package (compiled by tests/package.test.ts)', () => {
    const headings = npmApiExamples(blocks).map((b) => b.heading);
    expect(headings).toContain('JavaScript API');
    expect(headings).toContain('Install with npm');
  });
});
