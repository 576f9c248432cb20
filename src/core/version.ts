/** Crumbs version, replaced at build time (`dev` in tests run from source). */
declare const __CRUMBS_VERSION__: string;

/** The version recorded with every decision and in inventory fingerprints. */
export const VERSION = typeof __CRUMBS_VERSION__ == 'string' ? __CRUMBS_VERSION__ : 'dev';
