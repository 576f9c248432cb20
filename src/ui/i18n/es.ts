import type { Messages } from '../translate';

/**
 * Spanish UI texts of the banner and of the embed placeholders (title, text, buttons, category
 * names, status): one chunk, downloaded with the UI when the UI language is `es`. A returning
 * visitor's page with a blocked embed needs no other. The other texts are in `more-es.ts`.
 */
export default {
  'banner.title': "Tus opciones de privacidad",
  'banner.text': "Queremos usar cookies opcionales y tecnologías similares para: {purposes}. Solo se activan si das tu consentimiento.",
  'banner.parties': "Terceros: {parties}.",
  'change.later': "Puedes cambiar tu elección cuando quieras en «Configuración de cookies».",
  'policy.link': "Política de cookies",
  'banner.acceptAll': "Aceptar todas",
  'banner.rejectAll': "Rechazar todas",
  'banner.customise': "Personalizar",
  'gpc.honoured': "Tu navegador envía una señal Global Privacy Control. La respetamos: la publicidad personalizada sigue desactivada salvo que tú la actives en la configuración de cookies.",
  'status.saved': "Se ha guardado tu selección.",
  'category.necessary.name': "Estrictamente necesarias",
  'category.analytics.name': "Analíticas",
  'category.functionality.name': "Funcionales",
  'category.targeting.name': "Publicidad",
  'placeholder.text': "Este contenido de {service} ({category}) puede instalar cookies y enviar datos a {service}.",
  'placeholder.loadOnce': "Cargar una vez",
  'placeholder.always': "Permitir siempre {service}",
} satisfies Messages;

/** Loads the rest of the texts (`more-es.ts`), a chunk of its own. */
export const more = () => import('./more-es');
