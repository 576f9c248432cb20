/** A small raw inventory (as a site owner writes it) shared by core tests; tests copy and adjust it. */
export function makeInventoryJson(overrides: Record<string, unknown> = {}) {
  return {
    revision: 1,
    policyUrl: '/privacy#cookies',
    categories: [
      { id: 'necessary', required: true },
      { id: 'analytics' },
      { id: 'functionality' },
      { id: 'targeting' },
    ],
    services: [
      {
        id: 'session',
        name: 'Session',
        category: 'necessary',
        justification: 'Keeps you signed in.',
        cookies: [{ name: 'PHPSESSID', duration: 'session', description: 'Session id.' }],
      },
      {
        id: 'google-analytics',
        name: 'Google Analytics',
        provider: 'Google',
        category: 'analytics',
        hosts: ['www.googletagmanager.com', '*.google-analytics.com'],
        cookies: [
          { name: '_ga', duration: '2 years' },
          { name: '_ga_*', duration: '2 years' },
          { name: '_gid', duration: '1 day' },
          { name: '/^_gat/', duration: '1 minute' },
        ],
      },
      {
        id: 'hotjar',
        name: 'Hotjar',
        category: 'analytics',
        cookies: [
          { name: '_hjSessionUser_{site_id}', duration: '1 year' },
          { name: '_hjSession_{site_id}', duration: '30 minutes' },
          { name: '_hjRecordingLastActivity', storage: 'sessionStorage' },
        ],
      },
      { id: 'vimeo', name: 'Vimeo', category: 'functionality', cookies: [{ name: 'vuid', duration: '2 years' }] },
      { id: 'meta-pixel', name: 'Meta Pixel', category: 'targeting', cookies: [{ name: '_fbp', duration: '3 months' }] },
    ],
    ...overrides,
  };
}
