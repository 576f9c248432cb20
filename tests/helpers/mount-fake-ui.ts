import { within } from '@testing-library/preact';
import { mountUi } from '../../src/ui';
import { fakeUiContext, type FakeOptions } from './fake-ui-context';
import { mounted } from './mounted';

type Queries = ReturnType<typeof within>;

/**
 * Mounts the real UI on a fake context and returns testing-library queries scoped to its shadow
 * root (`ui`), plus the handle and the recorded calls. The UI makes its host at the first showing
 * (see `mountUi`): `host`, `shadow` and every query of `ui` look it up when used, not at mount.
 */
export async function mountFakeUi(options: FakeOptions = {}) {
  const fake = fakeUiContext(options);
  const handle = await mountUi(fake.ctx);
  mounted.add(handle);
  const host = () => {
    const found = document.getElementById('crumbs-root');
    if (!found) throw new Error('No #crumbs-root: the UI has shown nothing yet.');
    return found;
  };
  const shadow = () => host().shadowRoot!;
  const ui = new Proxy({} as Queries, {
    get: (_, name) => (...args: unknown[]) => (within(shadow() as unknown as HTMLElement) as unknown as Record<string | symbol, (...a: unknown[]) => unknown>)[name]!(...args),
  });
  return {
    ...fake,
    handle,
    ui,
    get host() {
      return host();
    },
    get shadow() {
      return shadow();
    },
  };
}
