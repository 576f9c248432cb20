import type { Messages } from '../translate';

/**
 * German UI texts of the preferences dialog, the cookie declaration and the notices of a
 * broken site: a second chunk, downloaded only with one of those views when the UI language is
 * `de`. The banner's and placeholders' texts are in `de.ts`; key names are the same public keys
 * either way.
 */
export default {
  'prefs.title': "Cookie-Einstellungen",
  'prefs.text': "Wählen Sie, welche optionalen Cookies wir verwenden dürfen.",
  'prefs.save': "Auswahl speichern",
  'prefs.close': "Schließen",
  'prefs.alwaysActive': "Immer aktiv",
  'prefs.services': "Dienste ({services}) und Cookies ({cookies})",
  'prefs.provider': "Anbieter: {provider}",
  'prefs.policy': "Datenschutzerklärung von {service}",
  'prefs.consentId': "Einwilligungs-ID: {id}",
  'table.name': "Cookie",
  'table.duration': "Speicherdauer",
  'table.description': "Zweck",
  'placeholder.unavailable': "Inhalte von {service} sind blockiert: Die Cookie-Einstellungen dieser Website sind gerade nicht verfügbar, daher wird nichts Optionales geladen.",
  'unavailable.title': "Cookie-Einstellungen nicht verfügbar",
  'unavailable.text': "Die Cookie-Einstellungen dieser Website können gerade nicht angezeigt werden. Nichts Optionales ist aktiv: keine Analyse, keine Werbung und keine Inhalte von Drittanbietern.",
  'settings.button': "Cookie-Einstellungen",
  'category.necessary.description': "Nötig, damit die Website funktioniert und sich Ihre Auswahl merkt.",
  'category.analytics.description': "Diese Cookies zeigen uns, wie die Website genutzt wird, damit wir sie verbessern können.",
  'category.functionality.description': "Diese Cookies ermöglichen Extras wie Videos, Karten und Chat.",
  'category.targeting.description': "Mit diesen Cookies zeigen Ihnen Werbepartner passende Anzeigen und messen deren Erfolg.",
} satisfies Messages;
