/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import type { Cookie } from '../types';
import type { Ui } from './ui';

/**
 * A service's declared cookies: name (with its domain when it is not the site's own), duration and
 * purpose, under column headers (requirement C3).
 * @param ui - the UI state
 * @param cookies - the service's cookies
 */
export const cookieTable = (ui: Ui, cookies: readonly Cookie[]) => (
  <table class="crumbs-table">
    <thead>
      <tr>
        {['name', 'duration', 'description'].map((k) => (
          <th scope="col">{ui.t('table.' + k)}</th>
        ))}
      </tr>
    </thead>
    <tbody>
      {cookies.map((c) => (
        <tr>
          {[c.domain ? `${c.name} (${c.domain})` : c.name, c.duration, c.description].map((v) => (
            <td>{ui.pick(v)}</td>
          ))}
        </tr>
      ))}
    </tbody>
  </table>
);
