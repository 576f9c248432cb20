/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import { categoryList } from './category-list';
import { trapFocus } from './focus-trap';
import type { Ui } from './ui';

/**
 * The second layer, a WAI-ARIA modal dialog (requirement K1): categories and services with their
 * switches, the three decision buttons, and the consent id of the stored decision so a visitor can
 * quote it. Escape and the close button close it without granting anything (A7).
 * @param ui - the UI state
 */
export function preferencesDialog(ui: Ui) {
  const { t } = ui;
  const id = ui.ctx.crumbs.getConsent()?.id;
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
        <button type="button" class="crumbs-x" aria-label={t('prefs.close')} onClick={ui.close}>
          ×
        </button>
        <h2 id="crumbs-dt" tabIndex={-1}>
          {t('prefs.title')}
        </h2>
        <p id="crumbs-dd">
          {t('prefs.text')} {t('change.later')}
        </p>
        {categoryList(ui, true)}
        {ui.actions('prefs.save', ui.save)}
        {id && <p class="crumbs-note">{t('prefs.consentId', { id })}</p>}
      </div>
    </div>
  );
}
