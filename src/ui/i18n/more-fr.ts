import type { Messages } from '../translate';

/**
 * French UI texts of the preferences dialog, the cookie declaration and the notices of a
 * broken site: a second chunk, downloaded only with one of those views when the UI language is
 * `fr`. The banner's and placeholders' texts are in `fr.ts`; key names are the same public keys
 * either way.
 */
export default {
  'prefs.title': "Paramètres des cookies",
  'prefs.text': "Choisissez les cookies facultatifs que nous pouvons utiliser.",
  'prefs.save': "Enregistrer mes choix",
  'prefs.close': "Fermer",
  'prefs.alwaysActive': "Toujours actifs",
  'prefs.services': "Services ({services}) et cookies ({cookies})",
  'prefs.provider': "Fournisseur : {provider}",
  'prefs.policy': "Politique de confidentialité de {service}",
  'prefs.consentId': "ID de consentement : {id}",
  'table.name': "Cookie",
  'table.duration': "Durée",
  'table.description': "Finalité",
  'placeholder.unavailable': "Le contenu de {service} est bloqué : les paramètres des cookies de ce site sont indisponibles pour le moment, rien d’optionnel n’est donc chargé.",
  'unavailable.title': "Paramètres des cookies indisponibles",
  'unavailable.text': "Les paramètres des cookies de ce site ne peuvent pas être affichés pour le moment. Rien d’optionnel n’est actif : ni mesure d’audience, ni publicité, ni contenu de tiers.",
  'settings.button': "Paramètres des cookies",
  'category.necessary.description': "Indispensables au fonctionnement du site et à la mémorisation de votre choix.",
  'category.analytics.description': "Ces cookies nous indiquent comment le site est utilisé, afin de l’améliorer.",
  'category.functionality.description': "Ces cookies activent des fonctions comme les vidéos, les cartes et le chat.",
  'category.targeting.description': "Ces cookies permettent à nos partenaires publicitaires d’afficher des annonces pertinentes et d’en mesurer l’efficacité.",
} satisfies Messages;
