import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../src/ui/translate';
import { fakeUiContext, makeInventory } from '../helpers/fake-ui-context';

const messages = { 'banner.title': 'Hello {name}', 'category.analytics.name': 'Analytics' };

describe('createTranslate', () => {
  it('fills slots and lets inventory texts override, the exact language first', () => {
    const inventory = makeInventory({ texts: { pt: { 'banner.title': 'Olá' }, 'pt-BR': { 'banner.title': 'Oi {name}' } } });
    const { ctx } = fakeUiContext({ inventory, lang: 'pt-BR' });
    expect(createTranslate(ctx, messages).t('banner.title', { name: 'Ana' })).toBe('Oi Ana');
    expect(createTranslate({ ...ctx, lang: 'pt' }, messages).t('banner.title')).toBe('Olá');
    expect(createTranslate({ ...ctx, lang: 'en' }, messages).t('banner.title', { name: 'Jo' })).toBe('Hello Jo');
  });

  it('picks inventory texts in the language, then English, then the first one', () => {
    const { ctx } = fakeUiContext({ lang: 'de' });
    const { pick } = createTranslate(ctx, messages);
    expect(pick({ de: 'Hallo', en: 'Hello' })).toBe('Hallo');
    expect(pick({ fr: 'Salut', en: 'Hello' })).toBe('Hello');
    expect(pick({ fr: 'Salut' })).toBe('Salut');
    expect(pick('Plain')).toBe('Plain');
    expect(pick(undefined)).toBe('');
  });

  it('names categories from the inventory first, else from the bundled texts', () => {
    const { ctx } = fakeUiContext();
    const tr = createTranslate(ctx, messages);
    const analytics = ctx.inventory.categories[1]!;
    expect(tr.cat(analytics, 'name')).toBe('Analytics');
    expect(tr.cat({ ...analytics, name: { en: 'Stats' } }, 'name')).toBe('Stats');
  });

  it('fills a {constructor} slot only from own values, never from Object', () => {
    const { ctx } = fakeUiContext();
    const { t } = createTranslate(ctx, { greeting: 'Hi {constructor} {toString} {name}' });
    expect(t('greeting', { name: 'Jo' })).toBe('Hi {constructor} {toString} Jo');
  });

  it('isolates an inventory text with direction controls or right-to-left letters, and only those', () => {
    const { ctx } = fakeUiContext();
    const { pick } = createTranslate(ctx, messages);
    // An unterminated RIGHT-TO-LEFT OVERRIDE stays inside its isolate, like <bdi>.
    expect(pick('Evil\u202e name')).toBe('\u2068Evil\u202e name\u2069');
    expect(pick({ en: 'שירות' })).toBe('\u2068שירות\u2069');
    expect(pick('Vimeo')).toBe('Vimeo');
  });
});
