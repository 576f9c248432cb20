/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import type { Ui } from './ui';

/**
 * An on/off control: a native checkbox with `role="switch"` inside its visible label, so its
 * accessible name is the label (requirement K3). Locked switches (required categories and their
 * services) are on, disabled and marked "Always active" (C1).
 * @param ui - the UI state (reads and flips `ui.draft[id]`)
 * @param id - category or service id
 * @param label - visible label
 * @param locked - shown on and not switchable
 */
export const switchControl = (ui: Ui, id: string, label: string, locked: boolean) => (
  <label class="crumbs-switch">
    <input
      type="checkbox"
      role="switch"
      checked={locked || !!ui.draft[id]}
      disabled={locked}
      aria-disabled={locked}
      onChange={(e) => {
        // A category switch carries its services along.
        const on = e.currentTarget.checked;
        ui.draft[id] = on;
        for (const s of ui.ctx.inventory.services) if (s.category == id) ui.draft[s.id] = on;
        ui.draw();
      }}
    />
    {label}
    {locked && <span class="crumbs-note">{ui.t('prefs.alwaysActive')}</span>}
  </label>
);
