// A CommonJS file that requires the ESM build, as Node 20.19+ allows and TypeScript models under
// "module": "nodenext" (5.8+). Under "module": "node16" it must fail with TS1471 (use an import),
// never compile to an `any`.
import crumbs = require('crumbs-consent');
import core = require('crumbs-consent/core');

/** Accepts anything but `any`. */
declare function real<T>(value: 0 extends 1 & T ? never : T): void;

real(crumbs.createCrumbs);
real(crumbs.mountUi);
real(core.validateInventory({}).errors);
try {
  core.parseInventory({});
} catch (e) {
  if (e instanceof core.InventoryError) real(e.problems);
}
