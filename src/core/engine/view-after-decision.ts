import type { Runtime } from '../runtime';

/**
 * The view once a decision is in force (`runtime.view(false)`), with focus kept in reach: a decision
 * taken in the banner or dialog, or taken over from another tab while focus was in the banner,
 * removes the control that had focus; the settings button, where the choice can be changed again,
 * is the natural place for it to go. An "always allow" on a placeholder before any answer leaves
 * the banner up: it still asks about the rest.
 */
export function viewAfterDecision(runtime: Runtime): void {
  // Read before the view changes anything: the UI's host holds focus while it is in the UI.
  const focusInUi = document.activeElement?.id == 'crumbs-root';
  const shown = runtime.view(false);
  if (focusInUi) {
    void shown.then(() => {
      const active = document.activeElement;
      if (!active || active == document.body) runtime.focusSettingsButton();
    });
  }
}
