/**
 * The seven Google Consent Mode v2 types, in a fixed order: the consent cookie stores indexes into
 * it, so new types go at the end. The one list: the `GoogleConsentType` type, the validator, the
 * JSON Schema's enum (held equal by a test) and Consent Mode itself derive from it.
 */
export const CONSENT_TYPES = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;

/** One of the seven Google Consent Mode v2 consent types. */
export type GoogleConsentType = (typeof CONSENT_TYPES)[number];
