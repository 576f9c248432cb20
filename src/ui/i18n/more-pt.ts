import type { Messages } from '../translate';

/**
 * Portuguese UI texts of the preferences dialog, the cookie declaration and the notices of a
 * broken site: a second chunk, downloaded only with one of those views when the UI language is
 * `pt`. The banner's and placeholders' texts are in `pt.ts`; key names are the same public keys
 * either way.
 */
export default {
  'prefs.title': "Definições de cookies",
  'prefs.text': "Escolha os cookies opcionais que podemos usar.",
  'prefs.save': "Guardar escolhas",
  'prefs.close': "Fechar",
  'prefs.alwaysActive': "Sempre ativos",
  'prefs.services': "Serviços ({services}) e cookies ({cookies})",
  'prefs.provider': "Fornecedor: {provider}",
  'prefs.policy': "Política de privacidade de {service}",
  'prefs.consentId': "ID de consentimento: {id}",
  'table.name': "Cookie",
  'table.duration': "Duração",
  'table.description': "Finalidade",
  'placeholder.unavailable': "O conteúdo de {service} está bloqueado: as definições de cookies deste site estão indisponíveis neste momento, por isso nada de opcional é carregado.",
  'unavailable.title': "Definições de cookies indisponíveis",
  'unavailable.text': "Não é possível mostrar as definições de cookies deste site neste momento. Nada de opcional está ativo: nem estatísticas, nem publicidade, nem conteúdos de terceiros.",
  'settings.button': "Definições de cookies",
  'category.necessary.description': "Necessários para o site funcionar e guardar a sua escolha.",
  'category.analytics.description': "Estes cookies mostram-nos como o site é usado, para o podermos melhorar.",
  'category.functionality.description': "Estes cookies ativam funções como vídeos, mapas e chat.",
  'category.targeting.description': "Estes cookies permitem aos parceiros de publicidade mostrar-lhe anúncios relevantes e medir o seu efeito.",
} satisfies Messages;
