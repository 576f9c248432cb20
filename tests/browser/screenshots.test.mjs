// Screenshots of the banner, the preferences dialog and an embed placeholder, in light and dark, at
// 1280 px and 320 px, written to tests/browser/screenshots/ (git-ignored) for a human to look at.
// An artefact generator, not a test of looks: that a PNG file exists proves nothing about what it
// shows. What must hold on screen (equal buttons, the banner's height, its buttons in view) is
// measured in banner-layout.test.mjs; here only what each shot needs is asserted (the part it shows
// is visible) and that walking through the flow runs nothing optional.
import { describe, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { expectNothingOptional, useSite } from './helpers/site.mjs';

const env = useSite();
const VIEWPORTS = { 1280: { width: 1280, height: 800 }, 320: { width: 320, height: 640 } };

describe('screenshots (artefacts for people)', () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 320]) {
      test(`banner, dialog and placeholder, ${colorScheme}, ${width} px`, async () => {
        const site = await env.open({ colorScheme, viewport: VIEWPORTS[width], reducedMotion: true });
        const suffix = `${colorScheme}-${width}`;

        await site.goto('/');
        await visible(site.banner(), 'the banner');
        await site.screenshot(`banner-${suffix}`);

        await button(site.banner(), 'Customise').click();
        await visible(site.dialog(), 'the preferences dialog');
        await site.settled();
        await site.screenshot(`dialog-${suffix}`);

        // A decision that leaves Vimeo off, so the placeholder is seen without the banner over it.
        await site.page.keyboard.press('Escape');
        await button(site.banner(), 'Reject all').click();
        await site.goto('/article.html');
        const placeholder = site.page.locator('.crumbs-placeholder');
        await visible(site.page.getByRole('button', { name: 'Load once' }), 'the placeholder');
        await placeholder.scrollIntoViewIfNeeded();
        await site.screenshot(`placeholder-${suffix}`);

        await expectNothingOptional(site);
      });
    }
  }
});
