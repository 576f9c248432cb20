/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import type { Service } from '../types';
import { cookieTable } from './cookie-table';
import type { Ui } from './ui';

/**
 * What a visitor should know about one service: provider, purpose, privacy-policy link and cookie
 * table (requirement C3). Only http(s) or relative policy URLs become links; others are left out.
 * @param ui - the UI state
 * @param s - the service
 */
export function serviceDetails(ui: Ui, s: Service) {
  const { t, pick } = ui;
  const provider = pick(s.provider);
  const href = ui.href(s.policyUrl);
  return [
    provider && <p>{t('prefs.provider', { provider })}</p>,
    s.description && <p>{pick(s.description)}</p>,
    href && (
      <p>
        <a href={href}>{t('prefs.policy', { service: pick(s.name) })}</a>
      </p>
    ),
    s.cookies[0] && cookieTable(ui, s.cookies),
  ];
}
