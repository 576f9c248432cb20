import type { Messages } from '../translate';

/**
 * Polish UI texts of the banner and of the embed placeholders (title, text, buttons, category
 * names, status): one chunk, downloaded with the UI when the UI language is `pl`. A returning
 * visitor's page with a blocked embed needs no other. The other texts are in `more-pl.ts`.
 */
export default {
  'banner.title': "Twoje ustawienia prywatności",
  'banner.text': "Za Twoją zgodą użyjemy opcjonalnych plików cookie i podobnych technologii z kategorii: {purposes}.",
  'banner.parties': "Podmioty trzecie: {parties}.",
  'change.later': "Swój wybór możesz zmienić w każdej chwili w „Ustawieniach cookie”.",
  'policy.link': "Polityka cookie",
  'banner.acceptAll': "Akceptuj wszystkie",
  'banner.rejectAll': "Odrzuć wszystkie",
  'banner.customise': "Dostosuj",
  'gpc.honoured': "Twoja przeglądarka wysyła sygnał Global Privacy Control. Respektujemy go: marketing pozostaje wyłączony, chyba że sam włączysz go w ustawieniach cookie.",
  'status.saved': "Twój wybór został zapisany.",
  'category.necessary.name': "Niezbędne",
  'category.analytics.name': "Analityczne",
  'category.functionality.name': "Funkcjonalne",
  'category.targeting.name': "Marketingowe",
  'placeholder.text': "Te treści z {service} ({category}) mogą zapisywać pliki cookie i wysyłać dane do {service}.",
  'placeholder.loadOnce': "Wczytaj jednorazowo",
  'placeholder.always': "Zawsze zezwalaj: {service}",
} satisfies Messages;

/** Loads the rest of the texts (`more-pl.ts`), a chunk of its own. */
export const more = () => import('./more-pl');
