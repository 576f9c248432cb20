import type { AuditRun, PhaseResult } from './audit-phases';
import type { CookieRecord, Evidence } from './collect-evidence';
import { isFirstParty } from './hosts';
import { inventoryLookup, type InventoryLookup } from './inventory-lookup';
import { knownCookie, knownServiceOfHost } from './known-services';

/** The rules of the audit; each finding names one. */
export type Rule =
  | 'request-without-consent'
  | 'cookie-without-consent'
  | 'storage-without-consent'
  | 'undeclared-cookie'
  | 'cookie-after-revoke'
  | 'declared-never-seen';

/** What each rule means, for the report and docs/audit.md. */
export const RULES: Record<Rule, { severity: 'violation' | 'info'; title: string }> = {
  'request-without-consent': { severity: 'violation', title: 'request to a third party without consent' },
  'cookie-without-consent': { severity: 'violation', title: 'cookie set without consent' },
  'storage-without-consent': { severity: 'violation', title: 'storage written without consent' },
  'undeclared-cookie': { severity: 'violation', title: 'cookie or storage key the inventory does not declare' },
  'cookie-after-revoke': { severity: 'violation', title: 'cookie or storage key still present after revoke' },
  'declared-never-seen': { severity: 'info', title: 'declared, never seen (stale inventory?)' },
};

/** One finding: a rule, where (phase, page), what (host, cookie, key), and the evidence. */
export interface Finding {
  readonly rule: Rule;
  readonly severity: 'violation' | 'info';
  /** Phase title (`no decision`, `reject all`, `analytics only`...), or `all phases`. */
  readonly phase: string;
  /** The first page it happened on. */
  readonly page: string;
  /** The host, `cookie name (domain)` or `localStorage key`. */
  readonly subject: string;
  /** One sentence saying what is wrong. */
  readonly message: string;
  /** Request URLs with their initiators, Set-Cookie responses, scripts that wrote. */
  readonly evidence: string[];
  /** The inventory service (or well-known service) it belongs to, when known. */
  readonly service?: string;
}

type Kind = 'cookie' | 'localStorage' | 'sessionStorage' | 'indexedDB';

/** Everything that set or wrote a cookie or key, as evidence lines. */
function settersOf(evidence: Evidence, name: string, kind: Kind): string[] {
  const lines: string[] = [];
  if (kind == 'cookie')
    for (const s of evidence.setCookies)
      if (s.name == name && !s.deletes) lines.push(`Set-Cookie in the response to ${s.url}`);
  for (const w of evidence.writes)
    if (w.kind == kind && w.name == name && !w.deletes)
      lines.push(
        `${kind == 'cookie' ? 'document.cookie' : kind + '.setItem'} by ${
          // Crumbs runs a granted inline script by inserting a copy, so the stack shows its engine
          // (crumbs-engine.js; crumbs.js itself before 0.2).
          w.script && /\/crumbs(\.min|-engine)?\.js(\?[^:]*)?:\d+$/.test(w.script) ? `an inline script that Crumbs activated (${w.frame})` : (w.script ?? `a script in ${w.frame} (no stack)`)
        }`,
      );
  return [...new Set(lines)].slice(0, 4);
}

/** The host of the script or response that set an item, for "which service set it". */
function setterHosts(evidence: Evidence, name: string, kind: Kind): string[] {
  const hosts = new Set<string>();
  for (const line of settersOf(evidence, name, kind)) {
    const m = /(?:to|by) (https?:\/\/[^/\s:]+)/.exec(line);
    if (m) hosts.add(new URL(m[1]!).hostname);
  }
  return [...hosts];
}

/** Every cookie and storage item a phase saw: the jar, Set-Cookie headers, non-deleting writes. */
function itemsOf(evidence: Evidence): { name: string; kind: Kind; domain?: string; page: string }[] {
  const items = new Map<string, { name: string; kind: Kind; domain?: string; page: string }>();
  const add = (name: string, kind: Kind, page: string, domain?: string) => {
    const key = `${kind}\u0000${name}\u0000${domain ?? ''}`;
    if (!items.has(key)) items.set(key, { name, kind, page, ...(domain ? { domain } : {}) });
  };
  for (const c of evidence.cookies) add(c.name, 'cookie', c.page, c.domain);
  // Cookies set and deleted again between two snapshots (a probe such as _hjTLDTest) count too.
  const jar = new Set(evidence.cookies.map((c) => c.name));
  for (const s of evidence.setCookies) if (!s.deletes && !jar.has(s.name)) add(s.name, 'cookie', s.page, new URL(s.url).hostname);
  for (const w of evidence.writes) if (w.kind == 'cookie' && !w.deletes && !jar.has(w.name)) add(w.name, 'cookie', w.page, new URL(w.frame).hostname);
  for (const s of evidence.storage) add(s.name, s.kind, s.page);
  for (const w of evidence.writes) if (w.kind != 'cookie') add(w.name, w.kind, w.page);
  return [...items.values()];
}

const subjectOf = (name: string, kind: Kind, domain?: string) =>
  kind == 'cookie' ? `${name}${domain ? ` (${domain.replace(/^\./, '')})` : ''}` : `${kind} ${name}`;

/** What the findings of a phase say about its decision. */
const when = (phase: PhaseResult) =>
  phase.id == 'no-decision' ? 'before any decision' : phase.id == 'reject-all' ? 'after reject all' : `when only ${phase.granted.join(', ')} is granted`;

/** Requests, cookies and storage of a phase that its decision does not allow. */
function withoutConsent(run: AuditRun, lookup: InventoryLookup, phase: PhaseResult, siteHost: string): Finding[] {
  const out: Finding[] = [];
  const nothingGranted = phase.granted.length == 0;
  const seenHosts = new Set<string>();
  for (const request of phase.evidence.requests) {
    if (run.own.some((prefix) => request.url.startsWith(prefix)) || seenHosts.has(request.host)) continue;
    const service = lookup.serviceOfHost(request.host);
    const thirdParty = !isFirstParty(request.host, siteHost);
    // A host no service declares is only a finding when nothing optional is granted: after a
    // partial grant it may belong to the granted services (and accept all shows it as such).
    const bad = service ? !lookup.isGranted(service, phase.granted) : thirdParty && nothingGranted;
    if (!bad) continue;
    seenHosts.add(request.host);
    const known = service ? undefined : knownServiceOfHost(request.host);
    out.push({
      rule: 'request-without-consent',
      severity: 'violation',
      phase: phase.title,
      page: request.page,
      subject: request.host,
      message: service
        ? `${request.host} belongs to "${service.id}" (category ${service.category}), which is not granted ${when(phase)}`
        : `${request.host} is contacted ${when(phase)}, and no service of a required category declares it${known ? ` (it looks like ${known.name})` : ''}`,
      evidence: [`${request.type} ${request.url}`, `started by ${request.initiator ?? 'unknown (no initiator reported)'}`],
      ...(service ? { service: service.id } : known ? { service: known.name } : {}),
    });
  }
  for (const item of itemsOf(phase.evidence)) {
    if (item.kind == 'cookie' && lookup.isConsentCookie(item.name)) continue;
    const declared = lookup.declared(item.name, item.kind, item.domain);
    const bad = declared ? !lookup.isGranted(declared.service, phase.granted) : nothingGranted;
    if (!bad) continue;
    const evidence = settersOf(phase.evidence, item.name, item.kind);
    out.push({
      rule: item.kind == 'cookie' ? 'cookie-without-consent' : 'storage-without-consent',
      severity: 'violation',
      phase: phase.title,
      page: item.page,
      subject: subjectOf(item.name, item.kind, item.domain),
      message: declared
        ? `${subjectOf(item.name, item.kind, item.domain)} belongs to "${declared.service.id}" (category ${declared.service.category}), which is not granted ${when(phase)}`
        : `${subjectOf(item.name, item.kind, item.domain)} is ${item.kind == 'cookie' ? 'set' : 'written'} ${when(phase)}, and no service of a required category declares it`,
      evidence: evidence.length ? evidence : [item.kind == 'cookie' ? 'present in the cookie jar (no Set-Cookie or script write seen: set by a frame or before instrumentation)' : 'present in the page\'s storage (written without setItem, or by a frame)'],
      ...(declared ? { service: declared.service.id } : {}),
    });
  }
  return out;
}

/** Cookies and storage keys in any phase that the inventory does not declare. */
function undeclared(run: AuditRun, lookup: InventoryLookup): Finding[] {
  const out = new Map<string, Finding>();
  for (const phase of run.phases) {
    for (const item of itemsOf(phase.evidence)) {
      if (item.kind == 'cookie' && lookup.isConsentCookie(item.name)) continue;
      if (lookup.declared(item.name, item.kind, item.domain)) continue;
      const subject = subjectOf(item.name, item.kind, item.domain);
      if (out.has(subject)) continue;
      const hosts = setterHosts(phase.evidence, item.name, item.kind);
      const byHost = hosts.map((h) => lookup.serviceOfHost(h)?.id).find(Boolean);
      const known = knownCookie(item.name, item.domain)?.service ?? hosts.map(knownServiceOfHost).find(Boolean);
      const service = byHost ?? known?.id;
      const hint = byHost
        ? `; it comes from a host of "${byHost}": declare it there`
        : known
          ? `; it looks like ${known.name} (suggested category ${known.category})`
          : '';
      const evidence = settersOf(phase.evidence, item.name, item.kind);
      out.set(subject, {
        rule: 'undeclared-cookie',
        severity: 'violation',
        phase: phase.title,
        page: item.page,
        subject,
        message: `${subject} is not declared in the inventory${hint}`,
        evidence: evidence.length ? evidence : ['present in the browser (no Set-Cookie or script write seen)'],
        ...(service ? { service } : {}),
      });
    }
  }
  return [...out.values()];
}

/** Cookies (of the site's domain) and storage keys still there after accept, revoke, reload. */
function afterRevoke(lookup: InventoryLookup, phase: PhaseResult, siteHost: string): Finding[] {
  const out: Finding[] = [];
  const survivors = phase.survivors;
  if (!survivors) return out;
  const cookie = (c: CookieRecord) => {
    // Crumbs can only delete what the site's own pages can reach: cookies of its domain.
    if (lookup.isConsentCookie(c.name) || !isFirstParty(c.domain.replace(/^\./, ''), siteHost)) return;
    const declared = lookup.declared(c.name, 'cookie', c.domain);
    // An undeclared survivor is already an undeclared-cookie finding, whose fix (declare it) is
    // also what lets Crumbs delete it.
    if (!declared || lookup.isNecessary(declared.service)) return;
    out.push({
      rule: 'cookie-after-revoke',
      severity: 'violation',
      phase: phase.title,
      page: c.page,
      subject: subjectOf(c.name, 'cookie', c.domain),
      message: `${subjectOf(c.name, 'cookie', c.domain)} is still present after revoking everything and reloading, though "${declared.service.id}" (category ${declared.service.category}) is no longer granted`,
      evidence: [`expires ${c.expires < 0 ? 'at the end of the session' : new Date(c.expires * 1000).toISOString()}, path ${c.path}${c.httpOnly ? ', HttpOnly (no script can delete it: the server must)' : ''}`, ...settersOf(phase.evidence, c.name, 'cookie')],
      service: declared.service.id,
    });
  };
  survivors.cookies.forEach(cookie);
  for (const s of survivors.storage) {
    const declared = lookup.declared(s.name, s.kind, undefined);
    if (!declared || lookup.isNecessary(declared.service)) continue;
    out.push({
      rule: 'cookie-after-revoke',
      severity: 'violation',
      phase: phase.title,
      page: s.page,
      subject: subjectOf(s.name, s.kind),
      message: `${subjectOf(s.name, s.kind)} is still present after revoking everything and reloading, though "${declared.service.id}" (category ${declared.service.category}) is no longer granted`,
      evidence: settersOf(phase.evidence, s.name, s.kind),
      ...(declared ? { service: declared.service.id } : {}),
    });
  }
  return out;
}

/** Declared cookies and keys no phase saw. */
function neverSeen(run: AuditRun, lookup: InventoryLookup): Finding[] {
  const seen = run.phases.flatMap((p) => [...itemsOf(p.evidence), ...(p.survivors?.cookies.map((c) => ({ name: c.name, kind: 'cookie' as Kind })) ?? [])]);
  const out: Finding[] = [];
  for (const service of lookup.inventory.services)
    for (const cookie of service.cookies) {
      if (seen.some((item) => (item.kind == 'indexedDB' || item.kind == cookie.storage) && cookie.matcher.test(item.name))) continue;
      if (cookie.storage == 'cookie' && DEFAULT_CONSENT.some((n) => cookie.matcher.test(n)) && seen.some((i) => lookup.isConsentCookie(i.name))) continue;
      out.push({
        rule: 'declared-never-seen',
        severity: 'info',
        phase: 'all phases',
        page: run.pages[0]!,
        subject: `${cookie.storage == 'cookie' ? '' : cookie.storage + ' '}${cookie.name}${cookie.domain ? ` (${cookie.domain.replace(/^\./, '')})` : ''}`,
        message: `declared for "${service.id}" but never seen on the pages visited (another page may set it, or the inventory is stale)`,
        evidence: [],
        service: service.id,
      });
    }
  return out;
}

const DEFAULT_CONSENT = ['crumbs_consent', '__Host-crumbs_consent'];

/**
 * Applies every rule to what an audit saw. Findings come in rule order, then by phase, each once per
 * phase and subject (the first page it happened on).
 */
export function findingsOf(run: AuditRun): Finding[] {
  const lookup = inventoryLookup(run.inventory);
  const siteHost = new URL(run.url).hostname;
  const denying = run.phases.filter((p) => p.denies);
  const all = [
    ...denying.flatMap((p) => withoutConsent(run, lookup, p, siteHost)),
    ...undeclared(run, lookup),
    ...run.phases.flatMap((p) => afterRevoke(lookup, p, siteHost)),
    ...neverSeen(run, lookup),
  ];
  const order = Object.keys(RULES);
  return all.sort((a, b) => order.indexOf(a.rule) - order.indexOf(b.rule));
}
