// Human rendering (stderr) of `reprise doctor`: a checklist, each finding followed by its fix.
import { t, type Lang } from '../../domain/messages';
import type { CheckStatus, DoctorResult } from '../../commands/doctor';
import type { CliIo } from '../io';

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', skipped: '–' };

export function doctorText(lang: Lang, r: DoctorResult): string {
  const lines = [r.project ? t(lang, 'doctorHeader', { project: r.project, dir: r.projectDir }) : t(lang, 'doctorHeaderNoProject', { dir: r.projectDir })];
  const width = Math.max(...r.checks.map((c) => c.id.length));
  for (const c of r.checks) {
    lines.push(`  ${MARK[c.status]} ${c.id.padEnd(width)}  ${c.summary}`);
    if (c.fix && (c.status === 'fail' || c.status === 'warn')) lines.push(`    ${' '.repeat(width)}  → ${c.fix}`);
  }
  const count = (s: CheckStatus): number => r.checks.filter((c) => c.status === s).length;
  const params = { ok: count('ok'), warn: count('warn'), fail: count('fail'), skipped: count('skipped') };
  lines.push(
    r.ok
      ? t(lang, 'doctorPassed', params)
      : t(lang, 'doctorFailedSummary', { ...params, ids: r.checks.filter((c) => c.status === 'fail').map((c) => c.id) }),
  );
  return lines.join('\n');
}

export function doctor(io: CliIo, lang: Lang, r: DoctorResult): void {
  io.stderr.write(`${doctorText(lang, r)}\n`);
}
