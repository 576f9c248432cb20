/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import { categoryList } from './category-list';
import { preactButton } from './preact-button';
import type { Ui } from './ui';

/**
 * The cookie declaration of a policy page, rendered into each `[data-crumbs-cookie-table]`
 * element (SPEC 4). It is light DOM, part of the page's content, so the site styles it through
 * its `crumbs-` classes. Ends with a button that opens the preferences.
 * @param ui - the UI state
 */
export const cookieDeclaration = (ui: Ui) => (
  <div class="crumbs-declaration" lang={ui.lang} dir="ltr">
    {categoryList(ui)}
    {preactButton((e) => ui.ctx.crumbs.showPreferences(e.currentTarget), ui.t('settings.button'))}
  </div>
);
