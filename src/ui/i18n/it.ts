import type { Messages } from '../translate';

/**
 * Italian UI texts of the banner and of the embed placeholders (title, text, buttons, category
 * names, status): one chunk, downloaded with the UI when the UI language is `it`. A returning
 * visitor's page with a blocked embed needs no other. The other texts are in `more-it.ts`.
 */
export default {
  'banner.title': "Le tue scelte sulla privacy",
  'banner.text': "Vorremmo usare cookie facoltativi e tecnologie simili per: {purposes}. Li attiviamo solo con il tuo consenso.",
  'banner.parties': "Terze parti: {parties}.",
  'change.later': "Puoi cambiare la tua scelta in qualsiasi momento da «Impostazioni cookie».",
  'policy.link': "Informativa sui cookie",
  'banner.acceptAll': "Accetta tutti",
  'banner.rejectAll': "Rifiuta tutti",
  'banner.customise': "Personalizza",
  'gpc.honoured': "Il tuo browser invia un segnale Global Privacy Control. Lo rispettiamo: il marketing resta disattivato, a meno che tu non lo attivi nelle impostazioni cookie.",
  'status.saved': "Le tue scelte sono state salvate.",
  'category.necessary.name': "Strettamente necessari",
  'category.analytics.name': "Statistiche",
  'category.functionality.name': "Funzionalità",
  'category.targeting.name': "Marketing",
  'placeholder.text': "Questo contenuto di {service} ({category}) può impostare cookie e inviare dati a {service}.",
  'placeholder.loadOnce': "Carica una volta",
  'placeholder.always': "Consenti sempre {service}",
} satisfies Messages;

/** Loads the rest of the texts (`more-it.ts`), a chunk of its own. */
export const more = () => import('./more-it');
