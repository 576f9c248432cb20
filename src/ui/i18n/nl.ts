import type { Messages } from '../translate';

/**
 * Dutch UI texts the banner needs (title, text, buttons, category names, status): one chunk,
 * downloaded with the UI when the UI language is `nl`. The other texts are in `more-nl.ts`.
 */
export default {
  'banner.title': "Jouw privacykeuzes",
  'banner.text': "We willen optionele cookies en vergelijkbare technieken gebruiken voor: {purposes}. Die plaatsen we alleen met jouw toestemming.",
  'banner.parties': "Derde partijen: {parties}.",
  'change.later': "Je kunt je keuze altijd wijzigen via ‘Cookie-instellingen’.",
  'policy.link': "Cookiebeleid",
  'banner.acceptAll': "Alles accepteren",
  'banner.rejectAll': "Alles weigeren",
  'banner.customise': "Aanpassen",
  'gpc.honoured': "Je browser stuurt een Global Privacy Control-signaal. Dat respecteren we: marketing blijft uit, tenzij je het zelf aanzet in de cookie-instellingen.",
  'status.saved': "Je keuzes zijn opgeslagen.",
  'category.necessary.name': "Strikt noodzakelijk",
  'category.analytics.name': "Statistieken",
  'category.functionality.name': "Functioneel",
  'category.targeting.name': "Marketing",
} satisfies Messages;

/** Loads the rest of the texts (`more-nl.ts`), a chunk of its own. */
export const more = () => import('./more-nl');
