/** @jsxRuntime classic */
/** @jsx h */
import { h, type JSX } from 'preact';

/**
 * The one button style of the widget. Accept, Reject, Customise and Save all use it, so they have
 * the same size, colours and weight by construction (requirements B3, C4).
 * @param onClick - runs on activation (mouse, Enter, Space)
 * @param label - visible label, which is also the accessible name
 */
export const button = (onClick: JSX.MouseEventHandler<HTMLButtonElement>, label: string) => (
  <button type="button" class="crumbs-btn" onClick={onClick}>
    {label}
  </button>
);
