import type { Messages } from '../translate';

/**
 * Dutch UI texts of the preferences dialog, the cookie declaration and the notices of a
 * broken site: a second chunk, downloaded only with one of those views when the UI language is
 * `nl`. The banner's and placeholders' texts are in `nl.ts`; key names are the same public keys
 * either way.
 */
export default {
  'prefs.title': "Cookie-instellingen",
  'prefs.text': "Kies welke optionele cookies we mogen gebruiken.",
  'prefs.save': "Keuzes opslaan",
  'prefs.close': "Sluiten",
  'prefs.alwaysActive': "Altijd actief",
  'prefs.services': "Diensten ({services}) en cookies ({cookies})",
  'prefs.provider': "Aanbieder: {provider}",
  'prefs.policy': "Privacybeleid van {service}",
  'prefs.consentId': "Toestemmings-ID: {id}",
  'table.name': "Cookie",
  'table.duration': "Bewaartermijn",
  'table.description': "Doel",
  'placeholder.unavailable': "Inhoud van {service} is geblokkeerd: de cookie-instellingen van deze site zijn nu niet beschikbaar, dus er wordt niets optioneels geladen.",
  'unavailable.title': "Cookie-instellingen niet beschikbaar",
  'unavailable.text': "De cookie-instellingen van deze site kunnen nu niet worden getoond. Er draait niets optioneels: geen analyse, geen advertenties en geen inhoud van derden.",
  'settings.button': "Cookie-instellingen",
  'category.necessary.description': "Nodig om de site te laten werken en je keuze te onthouden.",
  'category.analytics.description': "Deze cookies laten ons zien hoe de site wordt gebruikt, zodat we hem kunnen verbeteren.",
  'category.functionality.description': "Deze cookies maken functies mogelijk zoals video’s, kaarten en chat.",
  'category.targeting.description': "Met deze cookies tonen advertentiepartners je relevante advertenties en meten ze het effect.",
} satisfies Messages;
