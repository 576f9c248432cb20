/**
 * Why an audit or scan could not run (exit status 2): Chromium missing, the URL unreachable, no
 * Crumbs on the page. The message is shown to the person as is, so it says what to do.
 */
export class AuditError extends Error {
  override name = 'AuditError';
}
