/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import type { OnClick } from './ui';

/**
 * {@link Ui.button} for the views Preact re-renders (the preferences dialog, the cookie
 * declaration): the same element, class and behaviour, as a Preact node.
 * @param onClick - runs on activation (mouse, Enter, Space)
 * @param label - visible label, which is also the accessible name
 */
export const preactButton = (onClick: OnClick, label: string) => (
  <button type="button" class="crumbs-btn" onClick={onClick}>
    {label}
  </button>
);
