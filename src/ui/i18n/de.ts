import type { Messages } from '../translate';

/**
 * German UI texts of the banner and of the embed placeholders (title, text, buttons, category
 * names, status): one chunk, downloaded with the UI when the UI language is `de`. A returning
 * visitor's page with a blocked embed needs no other. The other texts are in `more-de.ts`.
 */
export default {
  'banner.title': "Datenschutz-Einstellungen",
  'banner.text': "Wir möchten optionale Cookies und ähnliche Technologien nutzen für: {purposes}. Sie werden nur mit Ihrer Einwilligung gesetzt.",
  'banner.parties': "Drittanbieter: {parties}.",
  'change.later': "Sie können Ihre Auswahl jederzeit unter „Cookie-Einstellungen“ ändern.",
  'policy.link': "Cookie-Richtlinie",
  'banner.acceptAll': "Alle akzeptieren",
  'banner.rejectAll': "Alle ablehnen",
  'banner.customise': "Anpassen",
  'gpc.honoured': "Ihr Browser sendet ein Global-Privacy-Control-Signal. Wir respektieren es: Marketing bleibt aus, außer Sie schalten es selbst in den Cookie-Einstellungen ein.",
  'status.saved': "Ihre Auswahl wurde gespeichert.",
  'category.necessary.name': "Technisch notwendig",
  'category.analytics.name': "Statistik",
  'category.functionality.name': "Funktionen",
  'category.targeting.name': "Marketing",
  'placeholder.text': "Dieser Inhalt von {service} ({category}) kann Cookies setzen und Daten an {service} senden.",
  'placeholder.loadOnce': "Einmal laden",
  'placeholder.always': "{service} immer erlauben",
} satisfies Messages;

/** Loads the rest of the texts (`more-de.ts`), a chunk of its own. */
export const more = () => import('./more-de');
