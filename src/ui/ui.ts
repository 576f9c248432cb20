import type { element } from './element';
import type { ConsentChoice, UiContext, UiView } from '../types';
import type { Translate } from './translate';

/** The consent calls a button can make; each one is a recorded decision. */
export type Decision = 'acceptAll' | 'rejectAll' | 'save';

/** A click handler of one of the widget's buttons. */
export type OnClick = (event: MouseEvent & { currentTarget: HTMLElement }) => void;

/**
 * Everything a view function needs, in one object: the context, the translator, the state of the
 * open dialog and the actions. Views are plain functions of this object (no components, no hooks),
 * which keeps the UI bundle small (issue 3, item 10). Whatever only the preferences dialog needs
 * (its switches, saving them) lives in the dialog's own chunk, not here.
 */
export interface Ui extends Translate {
  /** What the core handed the UI. */
  readonly ctx: UiContext;
  /**
   * The DOM JSX factory ({@link element}), handed to the views in chunks of their own
   * (placeholders, the notice of a broken site): importing it there would make it a shared chunk
   * that `crumbs-ui.js` imports, one more request before a first visit's banner.
   */
  readonly element: typeof element;
  /** Redraws the open preferences dialog (Preact, in its own chunk); undefined while it is closed. */
  dialog?: () => void;
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
   * dialog), in this order, as click handler and label: rejecting takes one activation, like
   * accepting (requirements B1, B2, B5). The banner draws them with {@link Ui.button}, the dialog
   * with Preact; both put the Global Privacy Control note first when a signal is honoured (SPEC 6),
   * since it changes what Accept all grants.
   * @param label - message key of the third button
   * @param third - what the third button does
   */
  choices(label: string, third: OnClick): [OnClick, string][];
  /**
   * The one button style of the widget (class `crumbs-btn`). Accept, Reject, Customise, Save,
   * Load once and Always allow all have it, so they have the same size, colours and weight by
   * construction (requirements B3, C4). A DOM element, for the views drawn without Preact.
   * @param onClick - runs on activation (mouse, Enter, Space)
   * @param label - visible label, which is also the accessible name
   */
  button(onClick: OnClick, label: string): HTMLButtonElement;
}
