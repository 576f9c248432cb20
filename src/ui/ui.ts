import type { JSX, VNode } from 'preact';
import type { ConsentChoice, UiContext, UiView } from '../types';
import type { Translate } from './translate';

/** The consent calls a button can make; each one is a recorded decision. */
export type Decision = 'acceptAll' | 'rejectAll' | 'save';

/** A click handler of one of the widget's buttons. */
export type OnClick = JSX.MouseEventHandler<HTMLButtonElement>;

/**
 * Everything a view function needs, in one object: the context, the translator, the state of the
 * open dialog and the actions. Views are plain functions of this object (no components, no hooks),
 * which keeps the UI bundle small (issue 3, item 10). Whatever only the preferences dialog needs
 * (its switches, saving them) lives in the dialog's own chunk, not here.
 */
export interface Ui extends Translate {
  /** What the core handed the UI. */
  readonly ctx: UiContext;
  /** The view of the open preferences dialog; undefined while it is closed. */
  dialog?: (ui: Ui) => VNode;
  /** The dialog's switches, by category or service id (ids are unique across both); set when it opens. */
  draft: Record<string, boolean>;
  /** Records a decision through the core and announces it in the status region. */
  decide(action: Decision, choice?: ConsentChoice): void;
  /** Shows the banner or the dialog; focus returns to `opener` when the dialog closes. */
  show(view: UiView, opener?: Element | null): void;
  /** Closes the dialog without deciding anything. */
  close(): void;
  /** Re-renders the banner, the dialog and the status region from the current state. */
  draw(): void;
  /**
   * Accept all, Reject all and a third action (Customise in the banner, Save choices in the
   * dialog) in one group; rejecting takes one activation, like accepting (requirements B1, B2,
   * B5). When a Global Privacy Control signal is honoured, a note comes first (SPEC 6), since it
   * changes what Accept all grants. Handed to views through this object so the lazily loaded
   * dialog reuses the main chunk's copy instead of splitting it into a third chunk.
   * @param label - message key of the third button
   * @param third - what the third button does
   * @returns the GPC note (or false) and the group of buttons
   */
  actions(label: string, third: OnClick): [VNode | false | undefined, VNode];
  /**
   * The one button style of the widget. Accept, Reject, Customise, Save, Load once and Always
   * allow all use it, so they have the same size, colours and weight by construction (requirements
   * B3, C4). Handed over for the same reason as `actions`.
   * @param onClick - runs on activation (mouse, Enter, Space)
   * @param label - visible label, which is also the accessible name
   */
  button(onClick: OnClick, label: string): VNode;
}
