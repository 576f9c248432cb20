/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import { categoryList } from './category-list';
import { trapFocus } from './focus-trap';
import { preactButton } from './preact-button';
import type { Ui } from './ui';

/**
 * Saves the dialog's switches as the optional categories that are on plus per-service exceptions:
 * the services whose switch differs from their category's.
 * @param ui - the UI state
 */
function save(ui: Ui) {
  const { draft, ctx } = ui;
  const optional = ctx.inventory.categories.filter((c) => !c.required);
  const services: Record<string, boolean> = {};
  for (const s of ctx.inventory.services)
    if (optional.some((c) => c.id == s.category) && !draft[s.id] != !draft[s.category]) services[s.id] = !!draft[s.id];
  ui.decide('save', { categories: optional.filter((c) => draft[c.id]).map((c) => c.id), services });
}

/**
 * The second layer, a WAI-ARIA modal dialog (requirement K1): categories and services with their
 * switches, the three decision buttons, and the consent id of the stored decision so a visitor can
 * quote it. Escape and the close button close it without granting anything (A7). Focus starts on
 * the title; the close button, drawn at its right, is the next Tab stop.
 * @param ui - the UI state
 */
export function preferencesDialog(ui: Ui) {
  const { t } = ui;
  const id = ui.ctx.crumbs.getConsent()?.id;
  // The GPC note goes up with the intro; the buttons get a footer that stays in view while the
  // categories scroll above it (K7: reachable at 320 px and at 200% text without scrolling).
  const note = ui.ctx.gpc && <p>{t('gpc.honoured')}</p>;
  const choices = ui.choices('prefs.save', () => save(ui));
  return (
    <div class="crumbs-overlay">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="crumbs-dt"
        aria-describedby="crumbs-dd"
        class="crumbs-dialog"
        onKeyDown={(e) => (e.key == 'Escape' ? ui.close() : trapFocus(e, e.currentTarget))}
      >
        <div class="crumbs-scroll">
          <div class="crumbs-head">
            <h2 id="crumbs-dt" tabIndex={-1}>
              {t('prefs.title')}
            </h2>
            <button type="button" class="crumbs-x" aria-label={t('prefs.close')} onClick={ui.close}>
              ×
            </button>
          </div>
          <p id="crumbs-dd">
            {t('prefs.text')} {t('change.later')}
          </p>
          {note}
          {categoryList(ui, true)}
          {id && <p class="crumbs-note">{t('prefs.consentId', { id })}</p>}
        </div>
        <div class="crumbs-foot">
          <div class="crumbs-actions">{choices.map(([onClick, label]) => preactButton(onClick, label))}</div>
        </div>
      </div>
    </div>
  );
}
