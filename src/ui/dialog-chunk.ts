import { render } from 'preact';
import { preferencesDialog } from './preferences-dialog';
import { inertOutside } from './inert-outside';
import styles from './preferences-dialog.css';
import type { Ui } from './ui';

/**
 * Opens the preferences dialog; the one entry of the lazily loaded dialog chunk, so a first visit
 * that never opens the dialog downloads none of it (issue 3, item 10), Preact included: the
 * dialog is the one view of the widget's shadow root that Preact draws, into `box`. Adopts the
 * dialog's styles, sets its switches (off on a first visit, since nothing is granted; the stored
 * choice afterwards, C2), makes the page behind it inert, draws it and moves focus to its title.
 * @param ui - the UI state
 * @param root - the widget's shadow root (its host is a child of `<body>`)
 * @param box - the dialog's place in `root`, empty
 * @param adopt - adds a stylesheet to a shadow root (see `mountUi`)
 * @returns a function that removes the dialog and makes the page behind it interactive again
 */
export default function openDialog(ui: Ui, root: ShadowRoot, box: HTMLElement, adopt: (root: ShadowRoot, css: string) => void): () => void {
  const { categories, services } = ui.ctx.inventory;
  adopt(root, styles);
  ui.dialog = () => render(preferencesDialog(ui), box);
  ui.draft = {};
  for (const x of [...categories, ...services]) ui.draft[x.id] = ui.ctx.crumbs.isGranted(x.id);
  const release = inertOutside(root.host);
  ui.draw();
  root.getElementById('crumbs-dt')!.focus();
  return () => {
    release();
    render(null, box);
    box.remove();
  };
}
