/** @jsxRuntime classic */
/** @jsx element */
import { element } from './element';
import type { Ui } from './ui';

/**
 * The first layer: a labelled, non-modal region fixed to the bottom of the viewport (layout `bar`)
 * or a corner (`box`). It never takes focus by itself (B3: no autofocus). It names the purposes,
 * the third parties, how to change the choice later and links the policy (B7, F5). Drawn once,
 * as DOM elements (no Preact): `mountUi` shows and hides it, and makes it inert while the dialog
 * is open.
 * @param ui - the UI state
 */
export function banner(ui: Ui) {
  const { t } = ui;
  const { categories, services, policyUrl, ui: settings } = ui.ctx.inventory;
  const optional = categories.filter((c) => !c.required);
  // Third parties named by provider, else by service name, once each. The text ends the list with a
  // full stop, so a name's own ("Google Ireland Ltd.") is dropped: no "Ltd..".
  const parties = [
    ...new Set(services.filter((s) => optional.some((c) => c.id == s.category)).map((s) => ui.pick(s.provider || s.name))),
  ]
    .join(', ')
    .replace(/\.$/, '');
  const href = ui.href(policyUrl);
  return (
    <section
      role="region"
      aria-labelledby="crumbs-bt"
      class={'crumbs-banner crumbs-' + (settings.layout || 'bar')}
    >
      <div class="crumbs-body">
        <h2 id="crumbs-bt">{t('banner.title')}</h2>
        <p>
          {t('banner.text', { purposes: optional.map((c) => ui.cat(c, 'name')).join(', ') })}{' '}
          {parties && t('banner.parties', { parties })} {t('change.later')} {href && <a href={href}>{t('policy.link')}</a>}
        </p>
      </div>
      {ui.ctx.gpc && <p>{t('gpc.honoured')}</p>}
      <div class="crumbs-actions">
        {ui.choices('banner.customise', (e) => ui.show('preferences', e.currentTarget)).map(([onClick, label]) => ui.button(onClick, label))}
      </div>
    </section>
  );
}
