/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import type { Cookie } from '../types';
import type { Ui } from './ui';

/**
 * A cookie name as a visitor reads it. Names written as a regular expression (`/^_gat/`) are shown
 * as what they match: an anchored literal becomes the name with `…` where anything may follow or
 * precede (`_gat…`, `…_id`, `_gid`); any other pattern is shown as its bare body, without the
 * slashes and flags.
 * @param name - the name as written in the inventory
 */
export const cookieName = (name: string) => {
  const body = /^\/(.+)\/i?$/.exec(name)?.[1];
  const literal = body && /^(\^?)((?:[\w-]|\\[^\w\s])+)(\$?)$/.exec(body);
  return literal
    ? (literal[1] ? '' : '…') + literal[2].replace(/\\(.)/g, '$1') + (literal[3] ? '' : '…')
    : (body ?? name);
};

/**
 * A cookie name with line-break opportunities (`<wbr>`) between its parts: after `_`, `.` or `-`
 * inside it, before a capital that follows a small letter or digit, and before `{`. So a long name
 * (`_hjAbsoluteSessionInProgress`, `GAPS (accounts.google.com)`) wraps at 320 px in the dialog and in the page's declaration,
 * whatever the page's CSS, without splitting short words or headers mid-word.
 * @param name - the readable name
 */
const breakable = (name: string) =>
  name
    .replace(/([a-z\d])(?=[A-Z{])|([a-zA-Z\d][_.-]+)(?=[\w{])/g, '$1$2\0')
    .split('\0')
    .flatMap((part, i) => (i ? [<wbr />, part] : part));

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
          <td>{breakable(cookieName(c.name) + (c.domain ? ` (${c.domain})` : ''))}</td>
          {[c.duration, c.description].map((v) => (
            <td>{ui.pick(v)}</td>
          ))}
        </tr>
      ))}
    </tbody>
  </table>
);
