import type { Messages } from '../translate';

/**
 * Portuguese UI texts the banner needs (title, text, buttons, category names, status): one chunk,
 * downloaded with the UI when the UI language is `pt`. The other texts are in `more-pt.ts`.
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
} satisfies Messages;

/** Loads the rest of the texts (`more-pt.ts`), a chunk of its own. */
export const more = () => import('./more-pt');
