import type { JSX, VNode } from 'preact';
import type { Category, ConsentChoice, UiContext, UiView } from '../types';
import type { Translate } from './translate';

/** The consent calls a button can make; each one is a recorded decision. */
export type Decision = 'acceptAll' | 'rejectAll' | 'save';

/**
 * Everything a view function needs, in one object: the context, the translator, the state of the
 * open dialog and the actions. Views are plain functions of this object (no components, no hooks),
 * which keeps the UI bundle small (issue 3, item 10).
 */
export interface Ui extends Translate {
  /** What the core handed the UI. */
  readonly ctx: UiContext;
  /** The categories a visitor can switch (not `required`), in display order. */
  readonly optional: readonly Category[];
  /** Whether the preferences dialog is open. */
  dialog: boolean;
  /** The dialog's switches, by category or service id (ids are unique across both). */
  draft: Record<string, boolean>;
  /** Records a decision through the core and announces it in the status region. */
  decide(action: Decision, choice?: ConsentChoice): void;
  /** Flips one switch; a category switch carries its services along. */
  toggle(id: string, on: boolean): void;
  /** Saves the dialog's switches as categories plus per-service exceptions. */
  save(): void;
  /** Shows the banner or the dialog; focus returns to `opener` when the dialog closes. */
  show(view: UiView, opener?: Element | null): void;
  /** Closes the dialog without deciding anything. */
  close(): void;
  /**
   * The decision buttons (see `decisionButtons`). Handed to views through this object so the
   * lazily loaded dialog reuses the main chunk's copy instead of splitting it into a third chunk.
   */
  actions(label: string, third: JSX.MouseEventHandler<HTMLButtonElement>): (VNode | false)[];
  /** The widget's one button style (see `button`), handed over for the same reason. */
  button(onClick: JSX.MouseEventHandler<HTMLButtonElement>, label: string): VNode;
}
