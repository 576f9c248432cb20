import type { Messages } from '../translate';

/**
 * Dutch UI texts of the banner and of the embed placeholders (title, text, buttons, category
 * names, status): one chunk, downloaded with the UI when the UI language is `nl`. A returning
 * visitor's page with a blocked embed needs no other. The other texts are in `more-nl.ts`.
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
  'placeholder.text': "Deze inhoud van {service} ({category}) kan cookies plaatsen en gegevens naar {service} sturen.",
  'placeholder.loadOnce': "Eén keer laden",
  'placeholder.always': "{service} altijd toestaan",
} satisfies Messages;

/** Loads the rest of the texts (`more-nl.ts`), a chunk of its own. */
export const more = () => import('./more-nl');
