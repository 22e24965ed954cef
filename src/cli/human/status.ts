// Human rendering (stderr) of `reprise status`: one row per service, then drift, lock, interrupted operation.
import { t, type Lang } from '../../domain/messages';
import type { StatusResult } from '../../commands/queries';
import { lockParams } from '../../release/guard';
import type { CliIo } from '../io';
import { table } from '../render';
import { short } from './time';

export function status(io: CliIo, lang: Lang, r: StatusResult): void {
  const fr = lang === 'fr';
  const lines = [t(lang, 'statusHeader', { project: r.project, engine: r.engine, version: r.version ?? (r.mixed ? (lang === 'fr' ? 'mixte' : 'mixed') : '-') })];
  const rows = [fr ? ['SERVICE', 'VERSION', 'ÉTAT', 'SANTÉ', 'SONDE', 'CONTENEUR'] : ['SERVICE', 'VERSION', 'STATE', 'HEALTH', 'PROBE', 'CONTAINER']];
  for (const s of r.services) {
    const probe = s.probe ? (s.probe.ok ? `ok ${s.probe.latencyMs} ms` : `✗ ${s.probe.reason}`) : '-';
    const state = s.exitCode !== null ? `${s.state} (${s.exitCode})` : s.state;
    rows.push([s.name, s.versioned ? (s.version ?? '-') : '(infra)', state, s.health ?? '-', probe, s.container ?? '-']);
  }
  lines.push(table(rows));
  for (const s of r.services) if (s.drift) lines.push(t(lang, 'drift', { service: s.name, actual: s.version ?? '-', expected: s.expected ?? '-' }));
  if (r.lock) lines.push(t(lang, 'lockHeld', lockParams(r.lock)));
  if (r.lastNotification) lines.push(`${lang === 'fr' ? 'dernière notification' : 'last notification'}: ${short(r.lastNotification.at)} — ${r.lastNotification.message}`);
  if (r.interrupted) {
    const j = r.interrupted;
    lines.push(`INTERRUPTED_OPERATION: ${t(lang, 'interruptedOperation', { kind: j.kind, version: j.version, from: j.fromVersion ?? '-', since: j.startedAt, pid: j.pid, done: j.done.length ? j.done.join(', ') : '-' })}`);
  }
  io.stderr.write(`${lines.join('\n')}\n`);
}
