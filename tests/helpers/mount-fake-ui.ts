import { within } from '@testing-library/preact';
import { mountUi } from '../../src/ui';
import { fakeUiContext, type FakeOptions } from './fake-ui-context';
import { mounted } from './mounted';

/**
 * Mounts the real UI on a fake context and returns testing-library queries scoped to its shadow
 * root (`ui`), plus the handle and the recorded calls.
 */
export async function mountFakeUi(options: FakeOptions = {}) {
  const fake = fakeUiContext(options);
  const handle = await mountUi(fake.ctx);
  mounted.add(handle);
  const host = document.getElementById('crumbs-root')!;
  const shadow = host.shadowRoot!;
  return { ...fake, handle, host, shadow, ui: within(shadow as unknown as HTMLElement) };
}
