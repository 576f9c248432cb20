import { afterEach, describe, expect, it, vi } from 'vitest';
import { cookieStore, listCookies } from '../../src/core/cookie-store';

const withStore = (store: unknown) => Object.defineProperty(window, 'cookieStore', { value: store, configurable: true });

afterEach(() => {
  delete (window as { cookieStore?: unknown }).cookieStore;
  vi.useRealTimers();
});

describe('cookieStore', () => {
  it('is undefined without the API (jsdom, Firefox, an insecure context) and for a name the page took (an element, a stub without getAll)', () => {
    expect(cookieStore()).toBeUndefined();
    withStore(document.createElement('div'));
    expect(cookieStore()).toBeUndefined();
    withStore({ getAll: 0 });
    expect(cookieStore()).toBeUndefined();
  });
});

describe('listCookies', () => {
  it('asks for one name, or with no name for every cookie (undefined, which WebIDL reads as no options)', async () => {
    const asked: unknown[][] = [];
    withStore({ getAll: async (...args: unknown[]) => (asked.push(args), [{ name: 'a', value: '1' }]) });
    expect(await listCookies('a')).toEqual([{ name: 'a', value: '1' }]);
    expect(await listCookies()).toEqual([{ name: 'a', value: '1' }]);
    expect(asked).toEqual([['a'], [undefined]]);
  });

  it('turns a throw of a page\'s own getAll into a rejection, never a throw', async () => {
    withStore({
      getAll() {
        throw new Error('a page stub');
      },
    });
    let listed: Promise<unknown> | undefined;
    expect(() => (listed = listCookies('a'))).not.toThrow();
    await expect(listed).rejects.toThrow('a page stub');
  });

  it('rejects a store that has not answered within a second, so that start-up reads document.cookie instead of waiting for good', async () => {
    vi.useFakeTimers();
    withStore({ getAll: () => new Promise(() => {}) });
    let outcome = 'pending';
    listCookies('a')!.then(
      () => (outcome = 'resolved'),
      () => (outcome = 'rejected'),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(outcome).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBe('rejected');
  });

  it('keeps the answer of a store that answered in time, even when the second runs out later', async () => {
    vi.useFakeTimers();
    withStore({ getAll: () => new Promise((resolve) => setTimeout(() => resolve([{ name: 'late', value: '' }]), 900)) });
    const listed = listCookies();
    await vi.advanceTimersByTimeAsync(2000);
    await expect(listed).resolves.toEqual([{ name: 'late', value: '' }]);
  });
});
