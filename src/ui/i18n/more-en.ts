import type { Messages } from '../translate';

/**
 * English UI texts of the preferences dialog, the cookie declaration and the notices of a
 * broken site: a second chunk, downloaded only with one of those views when the UI language is
 * `en`. The banner's and placeholders' texts are in `en.ts`; key names are the same public keys
 * either way.
 */
export default {
  'prefs.title': "Cookie settings",
  'prefs.text': "Choose which optional cookies we may use.",
  'prefs.save': "Save choices",
  'prefs.close': "Close",
  'prefs.alwaysActive': "Always active",
  'prefs.services': "Services ({services}) and cookies ({cookies})",
  'prefs.provider': "Provider: {provider}",
  'prefs.policy': "{service} privacy policy",
  'prefs.consentId': "Consent ID: {id}",
  'table.name': "Cookie",
  'table.duration': "Duration",
  'table.description': "Purpose",
  'placeholder.unavailable': "Content from {service} is blocked: the cookie settings of this site are unavailable right now, so nothing optional is loaded.",
  'unavailable.title': "Cookie settings unavailable",
  'unavailable.text': "The cookie settings of this site cannot be shown right now. Nothing optional is running: no analytics, no advertising and no content from third parties.",
  'settings.button': "Cookie settings",
  'category.necessary.description': "Needed for the site to work and to remember your choice.",
  'category.analytics.description': "These show us how the site is used, so we can improve it.",
  'category.functionality.description': "These enable features such as videos, maps and chat.",
  'category.targeting.description': "These let advertising partners show you relevant ads and measure how they perform.",
} satisfies Messages;
