import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendRecord } from '../../src/core/send-record';
import type { ConsentRecord } from '../../src/types';

const record = { id: 'abc12345', action: 'reject-all' } as unknown as ConsentRecord;

describe('sendRecord', () => {
  const beacon = vi.fn((_url: string, _body: Blob) => true);
  Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true });
  afterEach(() => {
    beacon.mockClear();
    vi.restoreAllMocks();
  });

  it('sends to a relative address on this site and to one written out as http(s)://', () => {
    sendRecord('/consent-log', record);
    sendRecord('https://log.example.org/records', record);
    expect(beacon.mock.calls.map(([url]) => url)).toEqual(['/consent-log', 'https://log.example.org/records']);
  });

  it.each(['//evil.example/x', '/\\evil.example/x', '\\\\evil.example/x', 'javascript:alert(1)', 'data:text/plain,x'])(
    'sends nothing to %s, which only looks relative (or is no http address), and says why',
    (url) => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      sendRecord(url, record);
      expect(beacon).not.toHaveBeenCalled();
      expect(error.mock.calls[0]?.[0]).toContain('no record was sent');
    },
  );
});
