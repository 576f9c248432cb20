import { afterEach } from 'vitest';
import { mounted } from './mounted';

/** Every test starts from an empty page: no cookies, no body, no head, no storage. */
afterEach(() => {
  for (const handle of mounted) handle.destroy();
  mounted.clear();
  // Node-environment tests (tests/log-server) have no page to clear.
  if (typeof document === 'undefined') return;
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim();
    if (!name) continue;
    const host = location.hostname;
    const domains = ['', host, '.' + host];
    for (const domain of domains) {
      document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/${domain ? '; domain=' + domain : ''}`;
    }
  }
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  localStorage.clear();
  sessionStorage.clear();
});
