import { describe, expect, it } from 'vitest';
import { safeUrl } from '../../src/ui/safe-url';

describe('safeUrl', () => {
  it('keeps http(s) and relative URLs', () => {
    for (const url of ['https://example.com/p', 'HTTP://x.y', '/privacy#cookies', 'privacy.html', '?a=b', '#top', '//cdn.example'])
      expect(safeUrl(url)).toBe(url);
  });

  it('drops every other scheme, however disguised', () => {
    for (const url of ['javascript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'JAVASCRIPT:x', 'data:text/html,x', 'vbscript:x', undefined, ''])
      expect(safeUrl(url)).toBeUndefined();
  });
});
