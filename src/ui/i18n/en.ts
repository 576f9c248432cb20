import type { Messages } from '../translate';

/**
 * English UI texts the banner needs (title, text, buttons, category names, status): one chunk,
 * downloaded with the UI when the UI language is `en`. The other texts are in `more-en.ts`.
 */
export default {
  'banner.title': "Your privacy choices",
  'banner.text': "We would like to use optional cookies and similar technologies for: {purposes}. They are only set if you agree.",
  'banner.parties': "Third parties: {parties}.",
  'change.later': "You can change your choice at any time via “Cookie settings”.",
  'policy.link': "Cookie policy",
  'banner.acceptAll': "Accept all",
  'banner.rejectAll': "Reject all",
  'banner.customise': "Customise",
  'gpc.honoured': "Your browser sent a Global Privacy Control signal. We honour it: targeting stays off unless you switch it on yourself in the cookie settings.",
  'status.saved': "Your choices were saved.",
  'category.necessary.name': "Strictly necessary",
  'category.analytics.name': "Analytics",
  'category.functionality.name': "Functionality",
  'category.targeting.name': "Targeting",
} satisfies Messages;

/** Loads the rest of the texts (`more-en.ts`), a chunk of its own. */
export const more = () => import('./more-en');
