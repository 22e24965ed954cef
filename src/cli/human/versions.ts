// Human renderings (stderr) of query results.
import { t, type Lang } from '../domain/messages';
import type { HistoryResult, StatusResult, VersionsResult } from '../commands/queries';
import type { InitResult } from '../commands/init';
import type { LockResult } from '../commands/lock';
import type { CliIo } from './io';
import { table } from './render';
import { lockParams } from '../release/guard';

const short = (iso: string | null): string => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '-');

/** `all`: the tags that belong to other projects are listed too (marked), not only counted. */
export function versionsText(lang: Lang, r: VersionsResult, all = false): string {
  const head = t(lang, 'versionsHeader', { project: r.project, current: r.current ?? '-', previous: r.previous ?? '-' });
  const fr = lang === 'fr';
  const rows = [fr ? ['VERSION', 'CRÉÉE', 'DERNIER DÉPLOIEMENT', 'DERNIER RÉSULTAT', 'REPÈRES'] : ['VERSION', 'CREATED', 'LAST DEPLOYED', 'LAST OUTCOME', 'MARKERS']];
  const envs = r.environments;
  if (envs) rows[0].push(fr ? 'ENVIRONNEMENTS' : 'ENVIRONMENTS');
  for (const v of r.versions) {
    const markers = [v.current ? 'current' : '', v.previous ? 'previous' : '', v.complete ? '' : `${fr ? 'incomplète, manque' : 'incomplete, missing'}: ${v.missing.join(', ')}`].filter(Boolean).join(' ');
    const row = [v.version, short(v.created), short(v.lastDeployed), v.lastOutcome ?? '-', markers];
    if (envs) {
      row.push(
        [v.runningIn?.length ? t(lang, 'versionsRunningIn', { envs: v.runningIn }) : '', v.verifiedIn?.length ? t(lang, 'versionsVerifiedIn', { envs: v.verifiedIn }) : '']
          .filter(Boolean)
          .join('; '),
      );
    }
    rows.push(row);
  }
  if (all) {
    for (const e of r.elsewhere?.versions ?? []) {
      const row = [e.version, '-', '-', '-', t(lang, 'versionsElsewhereMarker', { projects: e.projects })];
      if (envs) row.push('');
      rows.push(row);
    }
  }
  const elsewhere = r.elsewhere?.count
    ? [t(lang, all ? 'versionsElsewhereListed' : 'versionsElsewhere', { count: r.elsewhere.count, projects: r.elsewhere.projects.map((p) => `${p.project}: ${p.count}`).join(', ') })]
    : [];
  const envLines = (envs ?? []).map((e) =>
    e.error
      ? `${e.environment ?? e.project}: ${e.error}`
      : t(lang, 'versionsEnvironment', { environment: e.environment ?? '-', project: e.project, current: e.current ?? (e.runningVersions.length > 1 ? (lang === 'fr' ? 'mixte' : 'mixed') : '-'), lastGood: e.lastGood ?? '-', previous: e.previous ?? '-' }),
  );
  return [head, table(rows), ...elsewhere, ...envLines].join('\n');
}

export function versions(io: CliIo, lang: Lang, r: VersionsResult, all = false): void {
  io.stderr.write(`${versionsText(lang, r, all)}\n`);
}

export function history(io: CliIo, lang: Lang, r: HistoryResult): void {
  if (r.releases.length === 0 && r.events.length === 0) {
    io.stderr.write(`${t(lang, 'historyEmpty')}\n`);
    return;
  }
  const fr = lang === 'fr';
  type Row = { at: string; cells: string[] };
  const items: Row[] = [
    ...r.releases.map((x) => ({
      at: x.startedAt,
      cells: [short(x.startedAt), `#${x.id} ${x.kind}`, x.trigger, `${x.fromVersion ?? '-'} → ${x.version}`, x.outcome, x.durationSeconds !== null ? `${x.durationSeconds.toFixed(1)} s` : '-', x.user, [x.errorMessage ?? x.message ?? '', x.incident ? `→ ${x.incident}` : ''].filter(Boolean).join(' ')],
    })),
    ...r.events.map((e) => ({ at: e.at, cells: [short(e.at), 'event', e.type, '', '', '', '', e.message] })),
  ];
  items.sort((a, b) => b.at.localeCompare(a.at));
  const head = fr ? ['DATE', 'QUOI', 'DÉCLENCHEUR', 'VERSIONS', 'RÉSULTAT', 'DURÉE', 'QUI', 'DÉTAIL'] : ['WHEN', 'WHAT', 'TRIGGER', 'VERSIONS', 'OUTCOME', 'DURATION', 'WHO', 'DETAIL'];
  io.stderr.write(`${table([head, ...items.map((i) => i.cells)])}\n`);
}

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

export function lock(io: CliIo, lang: Lang, r: LockResult): void {
  const h = r.holder;
  io.stderr.write(`${h ? t(lang, 'lockHeld', lockParams(h)) : t(lang, 'lockFree')}\n`);
}

export function init(io: CliIo, lang: Lang, r: InitResult): void {
  const lines = [t(lang, 'initWritten', { file: r.file, count: r.services.length, services: r.services.map((s) => s.name) })];
  // what it decided (✓) and what it could not (!), each with the line of reprise.yml to change
  for (const d of r.decisions) {
    lines.push(`  ${d.status === 'decided' ? '✓' : '!'} ${d.message}`);
    if (d.line) lines.push(`      → ${t(lang, 'initLine', { line: d.line })}`);
  }
  io.stderr.write(`${lines.join('\n')}\n`);
}
