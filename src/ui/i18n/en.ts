import type { Messages } from '../translate';

/**
 * English UI texts of the banner and of the embed placeholders (title, text, buttons, category
 * names, status): one chunk, downloaded with the UI when the UI language is `en`. A returning
 * visitor's page with a blocked embed needs no other. The other texts are in `more-en.ts`.
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
  'placeholder.text': "This {service} content ({category}) can set cookies and send data to {service}.",
  'placeholder.loadOnce': "Load once",
  'placeholder.always': "Always allow {service}",
} satisfies Messages;

/** Loads the rest of the texts (`more-en.ts`), a chunk of its own. */
export const more = () => import('./more-en');
