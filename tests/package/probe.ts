// Compiled in every fixture project of tests/package.test.ts against the packed package: each public
// name has a real type (an `any` fails `real()`), and the idioms of the README narrow as they should.
import { createCrumbs, InventoryError, mountUi, parseInventory, validateInventory, type Crumbs } from 'crumbs-consent';
import { createCrumbs as headless, stampInventory, type Inventory } from 'crumbs-consent/core';
import 'crumbs-consent/crumbs.js'; // the script-tag file: declares window.Crumbs

/** Accepts anything but `any`. */
declare function real<T>(value: 0 extends 1 & T ? never : T): void;

real(createCrumbs);
real(headless);
real(mountUi);
real(InventoryError);

const crumbs: Crumbs = createCrumbs({ inventory: fetch('/cookies.json').then((r) => r.json()), ui: mountUi, lang: 'de' });
real(crumbs);
real(crumbs.ready);
const off: () => void = crumbs.on('change', ({ granted, revoked, consent }) => {
  real(granted);
  const ids: readonly string[] = [...granted, ...revoked];
  const time: string | undefined = consent?.time;
  void ids;
  void time;
});
off();
crumbs.on('error', (error) => real(error.problems));
// @ts-expect-error: no such event
crumbs.on('changed', () => {});
// @ts-expect-error: categories are ids
void crumbs.save({ categories: [true] });
// @ts-expect-error: exactOptionalPropertyTypes: an option is left out, not undefined
createCrumbs({ inventory: {}, lang: undefined });

try {
  const inventory: Inventory = parseInventory({});
  real(inventory.services);
} catch (e) {
  // @ts-expect-error: unknown until narrowed
  void e.problems;
  if (e instanceof InventoryError) real(e.problems[0]?.path);
}
real(validateInventory({}).errors);
const stamp: string = stampInventory({});
void stamp;

const global: Crumbs | undefined = window.Crumbs;
real(global);
