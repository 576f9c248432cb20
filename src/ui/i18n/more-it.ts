import type { Messages } from '../translate';

/**
 * Italian UI texts of the preferences dialog, the cookie declaration and the notices of a
 * broken site: a second chunk, downloaded only with one of those views when the UI language is
 * `it`. The banner's and placeholders' texts are in `it.ts`; key names are the same public keys
 * either way.
 */
export default {
  'prefs.title': "Impostazioni cookie",
  'prefs.text': "Scegli quali cookie facoltativi possiamo usare.",
  'prefs.save': "Salva le scelte",
  'prefs.close': "Chiudi",
  'prefs.alwaysActive': "Sempre attivi",
  'prefs.services': "Servizi ({services}) e cookie ({cookies})",
  'prefs.provider': "Fornitore: {provider}",
  'prefs.policy': "Informativa privacy di {service}",
  'prefs.consentId': "ID del consenso: {id}",
  'table.name': "Cookie",
  'table.duration': "Durata",
  'table.description': "Finalità",
  'placeholder.unavailable': "Il contenuto di {service} è bloccato: le impostazioni cookie di questo sito non sono disponibili in questo momento, quindi non viene caricato nulla di facoltativo.",
  'unavailable.title': "Impostazioni cookie non disponibili",
  'unavailable.text': "Le impostazioni cookie di questo sito non possono essere mostrate in questo momento. Nulla di facoltativo è attivo: né statistiche, né pubblicità, né contenuti di terze parti.",
  'settings.button': "Impostazioni cookie",
  'category.necessary.description': "Questi cookie servono al funzionamento del sito e a ricordare la tua scelta.",
  'category.analytics.description': "Questi cookie ci mostrano come viene usato il sito, così possiamo migliorarlo.",
  'category.functionality.description': "Questi cookie attivano funzioni come video, mappe e chat.",
  'category.targeting.description': "Questi cookie permettono ai partner pubblicitari di mostrarti annunci pertinenti e di misurarne l’efficacia.",
} satisfies Messages;
