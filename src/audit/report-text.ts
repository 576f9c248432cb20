import type { AuditResult } from './audit';
import { shortUrl } from './audit-phases';
import { RULES, type Finding } from './findings';

const plural = (n: number, one: string, many = one + 's') => `${n} ${n == 1 ? one : many}`;

/** Colours for a terminal; none when `color` is false (a file, a pipe, NO_COLOR). */
function paint(color: boolean) {
  const wrap = (code: string) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  return { red: wrap('31'), green: wrap('32'), dim: wrap('2'), bold: wrap('1') };
}

/**
 * The audit's human report: what was audited, each finding with its phase, page and evidence,
 * grouped by rule, and a summary line with the exit status.
 */
export function auditReport(result: AuditResult, color = false): string {
  const c = paint(color);
  const { run, findings } = result;
  const lines: string[] = [];
  const optional = run.inventory.categories.filter((x) => !x.required).length;
  lines.push(c.bold(`Crumbs audit of ${run.url}`));
  lines.push(`  inventory  ${run.inventorySource} (revision ${run.inventory.revision}, ${plural(run.inventory.services.length, 'service')}, ${plural(optional, 'optional category', 'optional categories')})`);
  lines.push(`  pages      ${run.pages.map(shortUrl).join('  ')}`);
  lines.push(`  phases     ${run.phases.map((p) => p.title).join(' · ')}`);
  lines.push('');
  let rule = '';
  // The same host or cookie in several phases is one item of the report, naming every phase (the
  // JSON keeps one finding per phase); its message and evidence are those of the first phase.
  const printed = new Set<string>();
  for (const f of findings) {
    if (f.rule != rule) {
      rule = f.rule;
      const count = findings.filter((x) => x.rule == rule).length;
      const mark = RULES[f.rule].severity == 'violation' ? c.red('✗') : c.dim('i');
      lines.push(`${mark} ${c.bold(f.rule)}: ${RULES[f.rule].title} (${count})`);
    }
    if (f.severity == 'info' || printed.has(f.rule + '\u0000' + f.subject)) continue;
    printed.add(f.rule + '\u0000' + f.subject);
    const phases = [...new Set(findings.filter((x) => x.rule == f.rule && x.subject == f.subject).map((x) => x.phase))];
    lines.push(...findingLines(f, phases).map((l) => '    ' + l));
  }
  // Notes are many and alike (a long inventory on a short visit): one line per service.
  const notes = new Map<string, string[]>();
  for (const f of findings) if (f.severity == 'info') notes.set(f.service ?? '', [...(notes.get(f.service ?? '') ?? []), f.subject]);
  for (const [service, subjects] of notes) lines.push(`    ${service}: ${subjects.join(', ')}`);
  if (findings.length) lines.push('');
  const byRule = Object.keys(RULES)
    .map((r) => [r, findings.filter((f) => f.rule == r && f.severity == 'violation').length] as const)
    .filter(([, n]) => n)
    .map(([r, n]) => `${n} ${r}`);
  const infos = findings.length - result.violations;
  lines.push(
    result.violations
      ? c.red(`${plural(result.violations, 'violation')} (${byRule.join(', ')})`) + (infos ? `, ${plural(infos, 'note')}` : '') + '. Exit status 1.'
      : c.green('Clean: nothing optional happened without consent, and every cookie is declared') + (infos ? ` (${plural(infos, 'note')})` : '') + '. Exit status 0.',
  );
  return lines.join('\n') + '\n';
}

function findingLines(f: Finding, phases: string[]): string[] {
  const head = `${f.subject}  [${phases.join('; ')}; first on ${shortUrl(f.page)}]`;
  return [head, `  ${f.message}`, ...f.evidence.map((e) => `  · ${e}`)];
}
