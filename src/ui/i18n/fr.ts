import type { Messages } from '../translate';

/**
 * French UI texts of the banner and of the embed placeholders (title, text, buttons, category
 * names, status): one chunk, downloaded with the UI when the UI language is `fr`. A returning
 * visitor's page with a blocked embed needs no other. The other texts are in `more-fr.ts`.
 */
export default {
  'banner.title': "Vos choix de confidentialité",
  'banner.text': "Nous souhaitons utiliser des cookies facultatifs et technologies similaires pour : {purposes}. Ils ne sont déposés qu’avec votre accord.",
  'banner.parties': "Tiers : {parties}.",
  'change.later': "Vous pouvez modifier votre choix à tout moment via « Paramètres des cookies ».",
  'policy.link': "Politique relative aux cookies",
  'banner.acceptAll': "Tout accepter",
  'banner.rejectAll': "Tout refuser",
  'banner.customise': "Personnaliser",
  'gpc.honoured': "Votre navigateur envoie un signal Global Privacy Control. Nous le respectons : la publicité ciblée reste désactivée, sauf si vous l’activez vous-même dans les paramètres des cookies.",
  'status.saved': "Vos choix ont été enregistrés.",
  'category.necessary.name': "Strictement nécessaires",
  'category.analytics.name': "Mesure d’audience",
  'category.functionality.name': "Fonctionnalités",
  'category.targeting.name': "Publicité ciblée",
  'placeholder.text': "Ce contenu de {service} ({category}) peut déposer des cookies et envoyer des données à {service}.",
  'placeholder.loadOnce': "Charger une fois",
  'placeholder.always': "Toujours autoriser {service}",
} satisfies Messages;

/** Loads the rest of the texts (`more-fr.ts`), a chunk of its own. */
export const more = () => import('./more-fr');
