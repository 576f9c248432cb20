import type { Messages } from '../translate';

/**
 * Polish UI texts of the preferences dialog, the cookie declaration and the notices of a
 * broken site: a second chunk, downloaded only with one of those views when the UI language is
 * `pl`. The banner's and placeholders' texts are in `pl.ts`; key names are the same public keys
 * either way.
 */
export default {
  'prefs.title': "Ustawienia cookie",
  'prefs.text': "Wybierz, których opcjonalnych plików cookie możemy używać.",
  'prefs.save': "Zapisz wybór",
  'prefs.close': "Zamknij",
  'prefs.alwaysActive': "Zawsze aktywne",
  'prefs.services': "Usługi ({services}) i pliki cookie ({cookies})",
  'prefs.provider': "Dostawca: {provider}",
  'prefs.policy': "Polityka prywatności: {service}",
  'prefs.consentId': "Identyfikator zgody: {id}",
  'table.name': "Plik cookie",
  'table.duration': "Ważność",
  'table.description': "Cel",
  'placeholder.unavailable': "Treści z {service} są zablokowane: ustawienia cookie tej strony są teraz niedostępne, więc nic opcjonalnego nie jest wczytywane.",
  'unavailable.title': "Ustawienia cookie są niedostępne",
  'unavailable.text': "Nie można teraz wyświetlić ustawień cookie tej strony. Nic opcjonalnego nie działa: żadnej analityki, reklam ani treści stron trzecich.",
  'settings.button': "Ustawienia cookie",
  'category.necessary.description': "Potrzebne do działania strony i zapamiętania Twojego wyboru.",
  'category.analytics.description': "Te pliki cookie pokazują nam, jak korzystasz ze strony, abyśmy mogli ją ulepszać.",
  'category.functionality.description': "Te pliki cookie włączają funkcje takie jak filmy, mapy i czat.",
  'category.targeting.description': "Dzięki tym plikom cookie partnerzy reklamowi mogą wyświetlać Ci trafne reklamy i mierzyć ich skuteczność.",
} satisfies Messages;
