/** @jsxRuntime classic */
/** @jsx h */
import { h, type JSX } from 'preact';
import { button } from './button';
import type { Ui } from './ui';

/**
 * Accept all, Reject all and a third action (Customise in the banner, Save choices in the dialog)
 * in one group; rejecting takes one activation, like accepting (requirements B1, B2, B5). When a
 * Global Privacy Control signal is honoured, a note right above says so (SPEC 6), since it changes
 * what Accept all grants.
 * @param ui - the UI state
 * @param label - message key of the third button
 * @param third - what the third button does
 */
export const decisionButtons = (ui: Ui, label: string, third: JSX.MouseEventHandler<HTMLButtonElement>) => [
  ui.ctx.gpc && <p>{ui.t('gpc.honoured')}</p>,
  <div class="crumbs-actions">
    {button(() => ui.decide('acceptAll'), ui.t('banner.acceptAll'))}
    {button(() => ui.decide('rejectAll'), ui.t('banner.rejectAll'))}
    {button(third, ui.t(label))}
  </div>,
];
