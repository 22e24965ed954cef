// Configuration history, recorded: every release keeps the compose file(s) and reprise.yml it used and a
// hash of its env file (whose content is only ever kept in a 0600 file).
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { writeFileAtomic } from '../../adapters/fs/atomic';
import { parseEnvFile } from '../../adapters/env-file/env-file';
import { concatEnvTexts } from '../../adapters/env-file/merge';
import { withoutTagLines } from '../../adapters/env-file/tag-lines';
import type { ConfigFile, ConfigSnapshot } from '../../adapters/store';
import type { Project } from '../../config/project';
import { sha256, snapshotHash } from '../../domain/config-diff';
import { warn, type OpContext } from '../context';





export interface CapturedConfig {
  files: ConfigFile[];
  /** the env file: path, hash, key names and content (the content is written only to a 0600 file) */
  env: { path: string; hash: string; keys: string[]; content: string } | null;
  hash: string;
}

/** Path as stored: relative to the project directory when inside it. */
export function storedPath(project: Pick<Project, 'dir'>, file: string): string {
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
