import type { Messages } from '../translate';

/**
 * Spanish UI texts of the preferences dialog, the cookie declaration and the notices of a
 * broken site: a second chunk, downloaded only with one of those views when the UI language is
 * `es`. The banner's and placeholders' texts are in `es.ts`; key names are the same public keys
 * either way.
 */
export default {
  'prefs.title': "Configuración de cookies",
  'prefs.text': "Elige qué cookies opcionales podemos usar.",
  'prefs.save': "Guardar selección",
  'prefs.close': "Cerrar",
  'prefs.alwaysActive': "Siempre activas",
  'prefs.services': "Servicios ({services}) y cookies ({cookies})",
  'prefs.provider': "Proveedor: {provider}",
  'prefs.policy': "Política de privacidad de {service}",
  'prefs.consentId': "ID de consentimiento: {id}",
  'table.name': "Cookie",
  'table.duration': "Duración",
  'table.description': "Finalidad",
  'placeholder.unavailable': "El contenido de {service} está bloqueado: la configuración de cookies de este sitio no está disponible en este momento, así que no se carga nada opcional.",
  'unavailable.title': "Configuración de cookies no disponible",
  'unavailable.text': "La configuración de cookies de este sitio no se puede mostrar en este momento. No se ejecuta nada opcional: ni analítica, ni publicidad, ni contenido de terceros.",
  'settings.button': "Configuración de cookies",
  'category.necessary.description': "Son necesarias para que el sitio funcione y recuerde tu elección.",
  'category.analytics.description': "Estas cookies nos muestran cómo se usa el sitio para poder mejorarlo.",
  'category.functionality.description': "Estas cookies activan funciones como vídeos, mapas y chat.",
  'category.targeting.description': "Estas cookies permiten a nuestros socios publicitarios mostrarte anuncios relevantes y medir su efecto.",
} satisfies Messages;
