import type { Messages } from '../translate';

/**
 * Portuguese UI texts of the banner and of the embed placeholders (title, text, buttons, category
 * names, status): one chunk, downloaded with the UI when the UI language is `pt`. A returning
 * visitor's page with a blocked embed needs no other. The other texts are in `more-pt.ts`.
 */
export default {
  'banner.title': "Escolhas de privacidade",
  'banner.text': "Gostaríamos de usar cookies opcionais e tecnologias semelhantes para: {purposes}. Só os ativamos com o seu consentimento.",
  'banner.parties': "Terceiros: {parties}.",
  'change.later': "Pode alterar a sua escolha a qualquer momento em «Definições de cookies».",
  'policy.link': "Política de cookies",
  'banner.acceptAll': "Aceitar todos",
  'banner.rejectAll': "Rejeitar todos",
  'banner.customise': "Personalizar",
  'gpc.honoured': "O seu navegador envia um sinal Global Privacy Control. Respeitamo-lo: a publicidade direcionada fica desativada, a menos que a ative nas definições de cookies.",
  'status.saved': "As suas escolhas foram guardadas.",
  'category.necessary.name': "Estritamente necessários",
  'category.analytics.name': "Estatísticas",
  'category.functionality.name': "Funcionalidade",
  'category.targeting.name': "Publicidade",
  'placeholder.text': "Este conteúdo de {service} ({category}) pode definir cookies e enviar dados para {service}.",
  'placeholder.loadOnce': "Carregar uma vez",
  'placeholder.always': "Permitir sempre {service}",
} satisfies Messages;

/** Loads the rest of the texts (`more-pt.ts`), a chunk of its own. */
export const more = () => import('./more-pt');
