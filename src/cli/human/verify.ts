// Human rendering (stderr) of `reprise verify`: a checklist with measured values and thresholds.
import type { Check, CheckId } from '../../domain/checks';
import { hint, t, type Lang, type MessageKey } from '../../domain/messages';
import type { VerifyResult } from '../../commands/verify';
import type { CliIo } from '../io';

const LABEL: Record<CheckId, MessageKey> = {
  service_running: 'checkServiceRunning',
  health_url: 'checkHealthUrl',
  log_errors: 'checkLogErrors',
  error_rate: 'checkErrorRate',
  availability: 'checkAvailability',
  cpu: 'checkCpu',
  memory: 'checkMemory',
  latency_degradation: 'checkDegradation',
};

function label(lang: Lang, c: Check): string {
  const key = c.id === 'service_running' && c.value !== null && String(c.value).startsWith('exited') && c.ok ? 'checkServiceCompleted' : LABEL[c.id];
  return t(lang, key, { service: c.service ?? '-' });
}

function measured(lang: Lang, c: Check): string {
  if (c.skipped) return t(lang, 'verifySkipped');
  if (c.value === null) return '-';
  const unit = c.unit === 'ms' ? ' ms' : c.unit === '%' ? ' %' : c.unit === 'lines' ? '' : '';
  const value = `${c.value}${unit}`;
  if (c.threshold === undefined) return value;
  const bound = c.bound === 'min' ? '≥' : '≤';
  return `${value} (${t(lang, 'verifyThreshold', { bound, threshold: `${c.threshold}${unit}` })})`;
}

export function verifyText(lang: Lang, r: VerifyResult): string {
  const since = r.logsSince ?? t(lang, 'verifySinceStart');
  const lines = [t(lang, 'verifyHeader', { project: r.project, version: r.version ?? '-', since })];
  for (const c of r.checks) {
    const mark = c.skipped ? '–' : c.ok ? '✓' : '✗';
    lines.push(`  ${mark} ${label(lang, c)} — ${measured(lang, c)} — ${c.detail}`);
  }
  const failed = r.checks.filter((c) => !c.ok);
  if (failed.length === 0) {
    lines.push(t(lang, 'verifyPassed', { count: r.checks.length }));
  } else {
    const ids = [...new Set(failed.map((c) => c.id))];
    lines.push(t(lang, 'verifyFailed', { failed: failed.length, count: r.checks.length, ids }));
    const h = hint(lang, 'verifyFailed');
    if (h) lines.push(h);
  }
  return lines.join('\n');
}

export function verify(io: CliIo, lang: Lang, r: VerifyResult): void {
  io.stderr.write(`${verifyText(lang, r)}\n`);
}
