// `history --show ID`: what changed in the configuration of a release against the one before it.
import { readFileSync } from 'node:fs';
import { parseEnvFile } from '../adapters/env-file/env-file';
import type { ConfigFile, ConfigSnapshot } from '../adapters/store';
import type { Project } from '../config/project';
import { envKeyDiff, serviceChanges, unifiedDiff, type ServiceChanges } from '../domain/config-diff';
import { RepriseError } from '../domain/errors';
import { t, type Lang } from '../domain/messages';
import { secretValues } from '../domain/redact';
import type { Release } from '../domain/types';
import { projectSecrets, type OpContext } from '../release/context';
import { envSnapshotFile, wholeContent } from '../release/record/config-record';

export interface ReleaseRef {
  id: number;
  kind: Release['kind'];
  trigger: Release['trigger'];
  version: string;
  fromVersion: string | null;
  outcome: Release['outcome'];
  startedAt: string;
}

export interface FileChange {
  path: string;
  role: 'compose' | 'config';
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** unified diff, secrets masked; null when unchanged */
  diff: string | null;
}

export interface EnvChange {
  /** the env file's path (of this release; of the previous one when it was removed) */
  path: string;
  previousPath: string | null;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  added: string[];
  removed: string[];
  /** keys whose value changed; null when unknown (an env snapshot file is missing) */
  changed: string[] | null;
}

export interface ShowResult {
  ok: true;
  project: string;
  release: ReleaseRef;
  /** the release compared with: the newest older release of the project that has a snapshot */
  previous: ReleaseRef | null;
  /** false when the release has no configuration snapshot (made before configuration history) */
  recorded: boolean;
  changed: boolean;
  files: FileChange[];
  env: EnvChange | null;
  services: ServiceChanges | null;
}

function ref(r: Release): ReleaseRef {
  return { id: r.id, kind: r.kind, trigger: r.trigger, version: r.version, fromVersion: r.fromVersion, outcome: r.outcome, startedAt: r.startedAt };
}

function envValues(project: Pick<Project, 'dir'>, hash: string | null): Map<string, string> | null {
  if (!hash) return null;
  try {
    return parseEnvFile(readFileSync(envSnapshotFile(project, hash), 'utf8'));
  } catch {
    return null;
  }
}

/** What changed between a release's configuration and the previous release's. */
export function showRelease(ctx: Pick<OpContext, 'store' | 'project' | 'env'>, releaseId: number): ShowResult {
  const release = ctx.store.getRelease(releaseId);
  if (!release || release.project !== ctx.project.name) {
    throw new RepriseError('USAGE', 'releaseNotFound', { id: releaseId, project: ctx.project.name }, { releaseId });
  }
  const snap = ctx.store.releaseConfig(releaseId);
  const prev = ctx.store.previousReleaseConfig(ctx.project.name, releaseId);
  const prevRelease = prev ? ctx.store.getRelease(prev.releaseId) : null;
  const base: ShowResult = { ok: true, project: ctx.project.name, release: ref(release), previous: prevRelease ? ref(prevRelease) : null, recorded: Boolean(snap), changed: false, files: [], env: null, services: null };
  if (!snap) return base;
  const old = prev?.snapshot ?? null;

  const oldValues = envValues(ctx.project, old?.envHash ?? null);
  const newValues = envValues(ctx.project, snap.envHash);
  // secrets of the project now and of both env files as they were: masked wherever they appear
  const secrets = [...new Set([...projectSecrets(ctx), ...secretValues([...(oldValues ?? []), ...(newValues ?? [])])])].sort((a, b) => b.length - a.length);
  const labels = { before: prevRelease ? `release #${prevRelease.id} (${prevRelease.version})` : '(none)', after: `release #${release.id} (${release.version})` };

  const files: FileChange[] = [];
  const key = (f: ConfigFile): string => `${f.role}\u0000${f.path}`;
  const before = new Map((old?.files ?? []).map((f) => [key(f), f]));
  for (const f of snap.files) {
    const o = before.get(key(f));
    before.delete(key(f));
    const status: FileChange['status'] = !o ? 'added' : o.content === f.content ? 'unchanged' : 'changed';
    files.push({ path: f.path, role: f.role, status, diff: status === 'unchanged' ? null : unifiedDiff(f.path, o?.content ?? null, f.content, labels, secrets) });
  }
  for (const o of before.values()) files.push({ path: o.path, role: o.role, status: 'removed', diff: unifiedDiff(o.path, o.content, null, labels, secrets) });

  let env: EnvChange | null = null;
  if (snap.envHash || old?.envHash) {
    const keys = envKeyDiff(
      old?.envHash ? { keys: old.envKeys, values: oldValues } : null,
      snap.envHash ? { keys: snap.envKeys, values: newValues } : null,
    );
    const status: EnvChange['status'] = !old?.envHash ? 'added' : !snap.envHash ? 'removed' : old.envHash === snap.envHash && old.envPath === snap.envPath ? 'unchanged' : 'changed';
    env = { path: (snap.envPath ?? old?.envPath)!, previousPath: old?.envPath ?? null, status, ...keys };
  }

  // compared as written (a text stored masked is read whole from its private file; `***` is not YAML)
  const whole = (f: ConfigFile): string => {
    try {
      return wholeContent(ctx.project, f);
    } catch {
      return f.content;
    }
  };
  const compose = (s: ConfigSnapshot | null): string[] => (s?.files ?? []).filter((f) => f.role === 'compose').map(whole);
  let services: ServiceChanges | null = null;
  try {
    services = serviceChanges(compose(old), compose(snap));
  } catch {
    services = null; // a compose file that no longer parses: the diff above still says what changed
  }
  const changed = files.some((f) => f.status !== 'unchanged') || (env !== null && env.status !== 'unchanged');
  return { ...base, changed, files, env, services };
}

/** Human form of `history --show` (stderr). */
export function renderShow(lang: Lang, r: ShowResult): string {
  const lines: string[] = [];
  const rel = r.release;
  lines.push(t(lang, 'configShowHeader', { id: rel.id, kind: rel.kind, from: rel.fromVersion ?? '-', version: rel.version, outcome: rel.outcome, at: rel.startedAt }));
  if (!r.recorded) {
    lines.push(t(lang, 'configShowNotRecorded', { id: rel.id }));
    return lines.join('\n');
  }
  lines.push(r.previous ? t(lang, 'configShowComparedWith', { id: r.previous.id, kind: r.previous.kind, version: r.previous.version }) : t(lang, 'configShowFirst'));
  if (!r.changed) lines.push(t(lang, 'configShowUnchanged'));
  for (const f of r.files) {
    lines.push(t(lang, f.status === 'unchanged' ? 'configFileUnchanged' : f.status === 'added' ? 'configFileAdded' : f.status === 'removed' ? 'configFileRemoved' : 'configFileChanged', { path: f.path }));
    if (f.diff) lines.push(f.diff);
  }
  if (r.env) {
    const e = r.env;
    if (e.status === 'unchanged') lines.push(t(lang, 'configEnvUnchanged', { path: e.path }));
    else {
      lines.push(t(lang, e.status === 'added' ? 'configEnvAdded' : e.status === 'removed' ? 'configEnvRemoved' : 'configEnvChanged', { path: e.path }));
      lines.push(t(lang, 'configEnvKeys', { added: e.added.length ? e.added : '-', removed: e.removed.length ? e.removed : '-', changed: e.changed === null ? '?' : e.changed.length ? e.changed : '-' }));
    }
  }
  if (r.services && (r.services.changed.length || r.services.added.length || r.services.removed.length)) {
    lines.push(t(lang, 'configServicesSummary', { changed: r.services.changed.length ? r.services.changed : '-', added: r.services.added.length ? r.services.added : '-', removed: r.services.removed.length ? r.services.removed : '-' }));
  }
  return lines.join('\n');
}
