import { preferencesDialog } from './preferences-dialog';
import { inertOutside } from './inert-outside';
import styles from './preferences-dialog.css';
import type { Ui } from './ui';

/**
 * Opens the preferences dialog; the one entry of the lazily loaded dialog chunk, so a first visit
 * that never opens the dialog downloads none of it (issue 3, item 10). Adopts the dialog's styles,
 * sets its switches (off on a first visit, since nothing is granted; the stored choice afterwards,
 * C2), makes the page behind it inert, draws it and moves focus to its title.
 * @param ui - the UI state
 * @param root - the widget's shadow root (its host is a child of `<body>`)
 * @param adopt - adds a stylesheet to a shadow root (see `mountUi`)
 * @returns a function that makes the page behind the dialog interactive again
 */
export default function openDialog(ui: Ui, root: ShadowRoot, adopt: (root: ShadowRoot, css: string) => void): () => void {
  const { categories, services } = ui.ctx.inventory;
  adopt(root, styles);
  ui.dialog = preferencesDialog;
  ui.draft = {};
  for (const x of [...categories, ...services]) ui.draft[x.id] = ui.ctx.crumbs.isGranted(x.id);
  const release = inertOutside(root.host);
  ui.draw();
  root.getElementById('crumbs-dt')!.focus();
  return release;
}
