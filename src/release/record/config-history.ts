// Configuration history (issue 5): every release records the compose file(s) and reprise.yml it used and a
// hash of its env file; `history --show` tells what changed; `rollback --with-config` puts the compose
// definition of the target release back. The env file's content is only ever kept in a 0600 file.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { writeFileAtomic } from '../../adapters/fs/atomic';
import { parseEnvFile } from '../../adapters/env-file/env-file';
import { concatEnvTexts } from '../../adapters/env-file/merge';
import { withoutTagLines } from '../../adapters/env-file/tag-lines';
import type { ConfigFile, ConfigSnapshot } from '../../adapters/store';
import { loadProject, type Project } from '../../config/project';
import { envKeyDiff, serviceChanges, sha256, snapshotHash, unifiedDiff, type ServiceChanges } from '../../domain/config-diff';
import { RepriseError, isRepriseError } from '../../domain/errors';
import { t, type Lang } from '../../domain/messages';
import { dependencyOrder, type Plan, type PlanStep } from '../../domain/plan';
import { secretValues } from '../../domain/redact';
import type { Release } from '../../domain/types';
import { say, warn, projectSecrets, type OpContext } from '../context';
import { waitCompleted, waitHealthy } from '../verify/health-gate';
import type { IncidentRecorder } from './incident';
import { applyPlan, type ApplyOutcome, type StepFailure } from '../apply/release';
import { tagsFor } from '../resolve/resolve';

// ---------------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------------

export interface CapturedConfig {
  files: ConfigFile[];
  /** the env file: path, hash, key names and content (the content is written only to a 0600 file) */
  env: { path: string; hash: string; keys: string[]; content: string } | null;
  hash: string;
}

/** Path as stored: relative to the project directory when inside it. */
function storedPath(project: Pick<Project, 'dir'>, file: string): string {
  const rel = relative(project.dir, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

export function envSnapshotDir(project: Pick<Project, 'dir'>): string {
  return join(project.dir, '.reprise', 'env-snapshots');
}

export function envSnapshotFile(project: Pick<Project, 'dir'>, hash: string): string {
  return join(envSnapshotDir(project), `${hash}.env`);
}

/** Reads the configuration the project uses now: compose file(s), reprise.yml (when present), env file. */
export function captureConfig(project: Pick<Project, 'dir' | 'composeFiles' | 'configFile' | 'envFiles' | 'versioned'>): CapturedConfig {
  const files: ConfigFile[] = project.composeFiles.map((f) => ({ role: 'compose', path: storedPath(project, f), content: readFileSync(f, 'utf8') }));
  if (existsSync(project.configFile)) files.push({ role: 'config', path: storedPath(project, project.configFile), content: readFileSync(project.configFile, 'utf8') });
  let env: CapturedConfig['env'] = null;
  // several env files are kept as one text (each under a `# from FILE` line, in compose's order), without the
  // tag-variable lines reprise keeps in step with what runs (they change with every release, not the configuration)
  const tagVars = new Set((project.versioned ?? []).map((v) => v.tagVariable));
  const present = project.envFiles.filter((f) => existsSync(f)).map((f) => ({ label: storedPath(project, f), text: withoutTagLines(readFileSync(f, 'utf8'), tagVars) }));
  if (present.length > 0) {
    const content = concatEnvTexts(present);
    env = { path: present.map((f) => f.label).join(', '), hash: sha256(content), keys: [...parseEnvFile(content).keys()], content };
  }
  return { files, env, hash: snapshotHash(files, env ? { path: env.path, hash: env.hash } : null) };
}

/** Keeps the env file's content in `.reprise/env-snapshots/<sha256>.env` (directory 0700, file 0600). */
function writeEnvSnapshot(project: Pick<Project, 'dir'>, env: NonNullable<CapturedConfig['env']>): void {
  const dir = envSnapshotDir(project);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = envSnapshotFile(project, env.hash);
  if (existsSync(file)) chmodSync(file, 0o600);
  else writeFileAtomic(file, env.content, 0o600);
}

/** Stores a captured configuration (deduplicated by content hash). */
export function storeConfig(ctx: Pick<OpContext, 'store' | 'project'>, c: CapturedConfig): ConfigSnapshot {
  if (c.env) writeEnvSnapshot(ctx.project, c.env);
  return ctx.store.saveConfigSnapshot({
    project: ctx.project.name,
    hash: c.hash,
    files: c.files,
    envPath: c.env?.path ?? null,
    envHash: c.env?.hash ?? null,
    envKeys: c.env?.keys ?? [],
  }).snapshot;
}

/**
 * Records the configuration a release uses, at its start, and links it to the release (`snapshotId`: link an
 * already recorded snapshot instead, e.g. the automatic rollback of a failed deploy used the deploy's).
 * A snapshot that cannot be taken is a warning, never a failed release. Returns the snapshot id.
 */
export function recordReleaseConfig(ctx: OpContext, releaseId: number, snapshotId: number | null = null): number | null {
  try {
    const id = snapshotId ?? storeConfig(ctx, captureConfig(ctx.project)).id;
    ctx.store.linkReleaseConfig(releaseId, id);
    return id;
  } catch (e) {
    warn(ctx, 'configSnapshotFailed', { reason: (e as Error).message });
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// history --show RELEASE
// ---------------------------------------------------------------------------------------------

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

  const compose = (s: ConfigSnapshot | null): string[] => (s?.files ?? []).filter((f) => f.role === 'compose').map((f) => f.content);
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

// ---------------------------------------------------------------------------------------------
// rollback --with-config
// ---------------------------------------------------------------------------------------------

export interface ConfigRestore {
  /** the release whose configuration is restored */
  releaseId: number;
  snapshotId: number;
  version: string;
  /** compose files whose content differs from the target's (paths as stored) */
  files: Array<{ path: string; abs: string; current: string; target: string; diff: string | null }>;
  /** service definitions: current files → target files */
  services: ServiceChanges;
  /** services recreated because their definition differs (or that only the target defines) */
  recreate: string[];
  /** the infrastructure among them (recreated first, health-gated) */
  infrastructure: string[];
  /** the project model of the target's compose files (with the real file paths) */
  project: Project;
}

/** What `rollback --json` reports about the configuration. */
export interface ConfigRestoreSummary {
  fromRelease: number;
  snapshotId: number;
  files: string[];
  services: string[];
  infrastructure: string[];
  /** services defined now but not in the restored files: left running (not removed) */
  orphans: string[];
  /** where the replaced compose files were kept (null on a dry run, or when nothing was replaced) */
  backup: string | null;
  /** the snapshot that holds the replaced files */
  backupSnapshotId: number | null;
  /** true when the rollback failed and the files were put back as they were */
  putBack: boolean;
}

export function summary(r: ConfigRestore, applied: AppliedConfig | null = null, putBack = false): ConfigRestoreSummary {
  return {
    fromRelease: r.releaseId,
    snapshotId: r.snapshotId,
    files: r.files.map((f) => f.path),
    services: r.recreate,
    infrastructure: r.infrastructure,
    orphans: r.services.removed,
    backup: applied?.backupDir ?? null,
    backupSnapshotId: applied?.backupSnapshotId ?? null,
    putBack,
  };
}

function loadOptions(ctx: OpContext): Parameters<typeof loadProject>[0] {
  return ctx.options ?? { projectDir: ctx.project.dir, config: ctx.project.configFile, env: ctx.project.environment ?? undefined };
}

/**
 * Finds the configuration of `version` (its latest successful release with a snapshot), compares it with the
 * files on disk and validates it (the target's files loaded as a project in a private temporary directory).
 * Changes nothing. Refuses with a clear error when there is no snapshot or the file list differs.
 */
export function planConfigRestore(ctx: OpContext, version: string): ConfigRestore {
  const found = ctx.store.latestSuccessfulConfig(ctx.project.name, version);
  if (!found) throw new RepriseError('USAGE', 'configNoSnapshot', { version }, { version });
  const snap = found.snapshot;
  const targetCompose = snap.files.filter((f) => f.role === 'compose');
  const now = ctx.project.composeFiles.map((f) => storedPath(ctx.project, f));
  const then = targetCompose.map((f) => f.path);
  if (now.length !== then.length || now.some((p, i) => p !== then[i])) {
    throw new RepriseError('USAGE', 'configFilesDiffer', { id: found.releaseId, version, then: then, now: now }, { releaseId: found.releaseId, then, now });
  }
  const current = ctx.project.composeFiles.map((f) => readFileSync(f, 'utf8'));
  const secrets = projectSecrets(ctx);
  const files = targetCompose
    .map((f, i) => ({ path: f.path, abs: ctx.project.composeFiles[i], current: current[i], target: f.content, diff: unifiedDiff(f.path, current[i], f.content, { before: 'now', after: `release #${found.releaseId} (${version})` }, secrets) }))
    .filter((f) => f.current !== f.target);

  // validate the target's files as reprise would load them, without touching the project's files
  const tmp = mkdtempSync(join(tmpdir(), 'reprise-config-'));
  let project: Project;
  try {
    const paths = targetCompose.map((f, i) => {
      const p = join(tmp, `${i}-${f.path.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
      writeFileAtomic(p, f.content, 0o600);
      return p;
    });
    project = loadProject({ ...loadOptions(ctx), file: paths }, ctx.env);
  } catch (e) {
    if (isRepriseError(e)) throw e;
    throw new RepriseError('CONFIG_INVALID', 'configInvalid', { file: then.join(', '), line: 0, key: '-', problem: (e as Error).message.split('\n')[0] });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  project.composeFiles = [...ctx.project.composeFiles];
  project.compose = { ...project.compose, files: [...ctx.project.composeFiles] };

  let services: ServiceChanges;
  try {
    services = serviceChanges(current, targetCompose.map((f) => f.content));
  } catch (e) {
    throw new RepriseError('CONFIG_INVALID', 'configInvalid', { file: now.join(', '), line: 0, key: '-', problem: (e as Error).message.split('\n')[0] });
  }
  const recreate = [...services.changed, ...services.added].filter((s) => project.compose.services.has(s)).sort();
  const versioned = new Set(project.versioned.map((v) => v.name));
  return {
    releaseId: found.releaseId,
    snapshotId: snap.id,
    version,
    files,
    services,
    recreate,
    infrastructure: recreate.filter((s) => !versioned.has(s)),
    project,
  };
}

/**
 * The rollback plan with the versioned services whose definition changes added, even when their image
 * does not (compose recreates a service only when asked to).
 */
export function planWithConfig(plan: Plan, r: ConfigRestore): Plan {
  const recreate = new Set(r.recreate);
  const order = dependencyOrder(r.project.versioned).map((s) => s.name);
  const extra: PlanStep[] = plan.unchanged
    .filter((n) => recreate.has(n))
    .map((n) => ({ service: n, fromVersion: plan.version, version: plan.version, oneShot: r.project.versioned.find((v) => v.name === n)?.oneShot ?? false }));
  if (extra.length === 0) return plan;
  const steps = [...plan.steps, ...extra].sort((a, b) => order.indexOf(a.service) - order.indexOf(b.service));
  return { ...plan, steps, unchanged: plan.unchanged.filter((n) => !recreate.has(n)) };
}

/** Prints what the configuration restore changes (and, on a dry run, the diffs). */
export function printConfigRestore(ctx: OpContext, r: ConfigRestore, withDiffs: boolean): void {
  if (r.files.length === 0) {
    say(ctx, 'configRestoreNothing', { version: r.version, id: r.releaseId });
    return;
  }
  say(ctx, 'configRestorePlan', { id: r.releaseId, version: r.version, files: r.files.map((f) => f.path) });
  if (withDiffs) for (const f of r.files) if (f.diff) ctx.out.line(f.diff);
  if (r.recreate.length) say(ctx, 'configRestoreServices', { services: r.recreate });
  if (r.services.removed.length) warn(ctx, 'configOrphans', { services: r.services.removed });
  if (r.services.topLevel.length) say(ctx, 'configTopLevel', { keys: r.services.topLevel });
}

export interface AppliedConfig {
  original: Project;
  files: Array<{ abs: string; path: string; content: string }>;
  backupDir: string | null;
  backupSnapshotId: number | null;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Writes the target's compose files (atomically), after keeping the replaced ones in the snapshot store and
 * in `.reprise/config-backups/<UTC timestamp>/` (directory 0700, files 0600), then reloads the project model.
 */
export function applyConfigRestore(ctx: OpContext, r: ConfigRestore): AppliedConfig {
  const original = ctx.project;
  const applied: AppliedConfig = { original, files: [], backupDir: null, backupSnapshotId: null };
  if (r.files.length === 0) return applied;
  applied.backupSnapshotId = storeConfig(ctx, captureConfig(ctx.project)).id;
  let dir = join(ctx.project.dir, '.reprise', 'config-backups', stamp(ctx.now()));
  for (let n = 2; existsSync(dir); n++) dir = join(ctx.project.dir, '.reprise', 'config-backups', `${stamp(ctx.now())}-${n}`);
  for (const f of r.files) {
    const dest = isAbsolute(f.path) ? join(dir, 'absolute', f.path) : join(dir, f.path);
    mkdirSync(dirname(dest), { recursive: true, mode: 0o700 });
    writeFileAtomic(dest, f.current, 0o600);
  }
  chmodSync(dir, 0o700);
  applied.backupDir = relative(ctx.project.dir, dir);
  try {
    for (const f of r.files) {
      writeFileAtomic(f.abs, f.target);
      applied.files.push({ abs: f.abs, path: f.path, content: f.current });
    }
    ctx.project = loadProject(loadOptions(ctx), ctx.env);
  } catch (e) {
    putConfigBack(ctx, applied);
    throw e;
  }
  say(ctx, 'configRestored', { id: r.releaseId, files: r.files.map((f) => f.path), backup: applied.backupDir });
  return applied;
}

/** Puts the replaced compose files back as they were and the project model with them. */
export function putConfigBack(ctx: OpContext, a: AppliedConfig): void {
  for (const f of a.files) writeFileAtomic(f.abs, f.content);
  ctx.project = a.original;
  if (a.files.length) say(ctx, 'configPutBack', { files: a.files.map((f) => f.path) });
}

/** (Re)creates services with compose, then waits for each one (health-gated). */
async function recreate(ctx: OpContext, groups: Array<{ version: string | null; services: string[] }>): Promise<StepFailure | null> {
  for (const g of groups) {
    if (g.services.length === 0) continue;
    for (const service of g.services) say(ctx, 'serviceUpdating', { service, version: g.version ?? '(infra)' });
    const started = Date.now();
    try {
      await ctx.engine.apply({ services: g.services, tags: g.version ? tagsFor(ctx.project, g.version) : {} });
    } catch (e) {
      if (isRepriseError(e)) throw e;
      return { service: g.services.join(', '), version: g.version ?? '-', code: 'OPERATION_FAILED', reason: (e as Error).message };
    }
    for (const service of g.services) {
      const v = ctx.project.versioned.find((x) => x.name === service);
      const svc = v ?? { name: service, repository: '', tagVariable: '', imageTemplate: '', dependsOn: [], oneShot: false, healthUrl: null, healthTimeoutMs: null };
      const image = v && g.version ? `${v.repository}:${g.version}` : null;
      const gate = v?.oneShot && image ? await waitCompleted(ctx.engine, v, ctx.project.health, image) : await waitHealthy(ctx.engine, svc, ctx.project.health, image, null, projectSecrets(ctx));
      if (!gate.ok) {
        say(ctx, 'serviceFailed', { service, reason: gate.reason ?? '' });
        return { service, version: g.version ?? '-', code: 'HEALTH_CHECK_FAILED', reason: gate.reason ?? 'unknown' };
      }
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      say(ctx, v?.oneShot ? 'serviceCompleted' : 'serviceHealthy', { service, version: g.version ?? '(infra)', seconds });
    }
  }
  return null;
}

/**
 * Applies a rollback with the target's configuration (files already written by applyConfigRestore):
 * infrastructure whose definition changed first, then the plan, each health-gated. On failure the files
 * are put back and every service whose definition differs is recreated as it was.
 */
export async function applyWithConfig(ctx: OpContext, plan: Plan, r: ConfigRestore, applied: AppliedConfig, recorder: IncidentRecorder | null): Promise<{ outcome: ApplyOutcome; putBack: boolean }> {
  let outcome: ApplyOutcome;
  const infraFailure = await recreate(ctx, [{ version: null, services: r.infrastructure }]);
  if (infraFailure) outcome = { ok: false, services: {}, failure: infraFailure, reverted: null };
  else outcome = await applyPlan(ctx, plan, true, recorder);
  if (outcome.ok) return { outcome, putBack: false };

  // put the files back, then recreate what differs with the definitions it had (and the versions it ran)
  const revertStarted = Date.now();
  putConfigBack(ctx, applied);
  const changedBoth = new Set(r.services.changed);
  const byVersion = new Map<string, string[]>();
  for (const s of plan.steps) {
    if (!changedBoth.has(s.service) || s.fromVersion === null) continue;
    byVersion.set(s.fromVersion, [...(byVersion.get(s.fromVersion) ?? []), s.service]);
  }
  const infra = r.infrastructure.filter((s) => changedBoth.has(s));
  const back = await recreate(ctx, [{ version: null, services: infra }, ...[...byVersion].map(([version, services]) => ({ version, services }))]);
  const prev = outcome.reverted;
  if (prev || infraFailure) {
    outcome = {
      ...outcome,
      reverted: {
        services: prev?.services ?? {},
        ok: (prev?.ok ?? true) && back === null,
        failure: back ?? prev?.failure ?? null,
        seconds: (prev?.seconds ?? 0) + (Date.now() - revertStarted) / 1000,
      },
    };
  }
  return { outcome, putBack: true };
}
