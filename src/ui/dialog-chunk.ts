/**
 * What the lazily loaded dialog chunk provides to `mountUi`: the dialog view, its styles and the
 * helper that makes the page behind it inert. A first visit that never opens the dialog does not
 * download any of it (issue 3, item 10).
 */
export { preferencesDialog } from './preferences-dialog';
export { inertOutside } from './inert-outside';
export { default as preferencesDialogStyles } from './preferences-dialog.css';
