/**
 * The visitor-facing part of Crumbs: banner, preferences dialog, embed placeholders and cookie
 * declaration. Pass {@link mountUi} as the `ui` option of `createCrumbs()`; the core calls it only
 * when the UI is needed, so a returning visitor never downloads this code.
 *
 * Loading: this entry holds the banner. The language texts, the dialog, the placeholders and the
 * cookie declaration are separate chunks (literal dynamic imports), fetched only when used.
 *
 * Content Security Policy: the UI needs nothing beyond what loads the widget itself. It sets no
 * style attribute and injects no `<style>` (its CSS is adopted as constructable stylesheets in
 * shadow roots; sizes and scroll padding are set through CSSOM), evaluates no strings and makes no
 * third-party request, so this policy is enough:
 * `default-src 'self'; script-src 'self'; style-src 'self'`.
 *
 * @packageDocumentation
 */
export { mountUi } from './mount-ui';
/**
 * `mountUi` with the texts at hand: for `crumbs-banner.js`, which carries English's first chunk
 * itself; not part of the npm API.
 * @internal
 */
export { mountUiWith } from './mount-ui';
/**
 * English's second chunk (the dialog's texts), for `crumbs-banner.js`'s English texts; not part of
 * the npm API.
 * @internal
 */
export { loadMoreEnglish } from './i18n/load-messages';
/**
 * Starts loading one bundled language's first chunk, the banner's and placeholders' texts (see
 * `mountUi`, which loads the same module).
 * For `crumbs-banner.js`, which asks for it while it checks the inventory; not part of the npm API.
 * @internal
 */
export { loadLanguage } from './i18n/load-messages';
