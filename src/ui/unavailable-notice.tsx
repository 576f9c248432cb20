/** @jsxRuntime classic */
/** @jsx element */
// Types only (the JSX namespace): the factory itself comes with `ui` (see `Ui.element`).
import type { element } from './element';
import type { Ui } from './ui';

type View = ReturnType<typeof element>;

/**
 * What a visitor sees instead of the banner or the dialog when the site's inventory is missing or
 * invalid: cookie settings are unavailable and nothing optional is running (fail closed, and said
 * so). A labelled region like the banner, with one button; Escape closes it too. Its own chunk:
 * only a broken site downloads it.
 * @param ui - the UI state (`ui.close` closes the notice)
 */
export default function unavailableNotice(ui: Ui): View {
  const { element, t } = ui;
  return (
    <section role="region" aria-labelledby="crumbs-ut" class="crumbs-banner crumbs-bar" onKeyDown={(e) => e.key == 'Escape' && ui.close()}>
      <div class="crumbs-body">
        <h2 id="crumbs-ut" tabindex="-1">
          {t('unavailable.title')}
        </h2>
        <p>{t('unavailable.text')}</p>
      </div>
      <div class="crumbs-actions">{ui.button(ui.close, t('prefs.close'))}</div>
    </section>
  );
}
