// Configuration history, recorded: every release keeps the compose file(s) and reprise.yml it used and a
// hash of its env file (whose content is only ever kept in a 0600 file). A compose file or reprise.yml that
// holds a secret (a password written inline, a webhook URL) is stored masked; its whole text, which a
// `rollback --with-config` writes back, goes to a 0600 file under .reprise/config-files/ (never the database).
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { writeFileAtomic } from '../../adapters/fs/atomic';
import { parseEnvFile } from '../../adapters/env-file/env-file';
import { concatEnvTexts } from '../../adapters/env-file/merge';
import { withoutTagLines } from '../../adapters/env-file/tag-lines';
import type { ConfigFile, ConfigSnapshot } from '../../adapters/store';
import type { Project } from '../../config/project';
import { sha256, snapshotHash } from '../../domain/config-diff';
import { redact } from '../../domain/redact';
import { RepriseError } from '../../domain/errors';
import { projectSecrets, warn, type OpContext } from '../context';





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

/** Writes `content` to `file` in a 0700 folder, 0600, once (a file of that content-hash name is kept). */
function writePrivateOnce(dir: string, file: string, content: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (existsSync(file)) chmodSync(file, 0o600);
  else writeFileAtomic(file, content, 0o600);
}

/** Keeps the env file's content in `.reprise/env-snapshots/<sha256>.env` (directory 0700, file 0600). */
function writeEnvSnapshot(project: Pick<Project, 'dir'>, env: NonNullable<CapturedConfig['env']>): void {
  writePrivateOnce(envSnapshotDir(project), envSnapshotFile(project, env.hash), env.content);
}

export function configFilesDir(project: Pick<Project, 'dir'>): string {
  return join(project.dir, '.reprise', 'config-files');
}

/** A file to store: as it is without a secret; masked, its whole text in a 0600 file, with one. */
function withoutSecrets(project: Pick<Project, 'dir'>, f: ConfigFile, secrets: string[]): ConfigFile {
  const masked = redact(f.content, secrets);
  if (masked === f.content) return f;
  const sha = sha256(f.content);
  writePrivateOnce(configFilesDir(project), join(configFilesDir(project), sha), f.content);
  return { role: f.role, path: f.path, content: masked, secretFile: sha };
}

/**
 * The whole text of a stored file (what `rollback --with-config` writes back): the private file when the
 * stored text is masked, checked against its hash. OPERATION_FAILED when it is missing or changed.
 */
export function wholeContent(project: Pick<Project, 'dir'>, f: ConfigFile): string {
  if (!f.secretFile) return f.content;
  const file = join(configFilesDir(project), f.secretFile);
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // missing: said below
  }
  if (text === null || sha256(text) !== f.secretFile) {
    throw new RepriseError('OPERATION_FAILED', 'configSecretFileMissing', { path: f.path, file: storedPath(project, file) }, { path: f.path });
  }
  return text;
}

/** Stores a captured configuration (deduplicated by content hash); no secret goes into the database. */
export function storeConfig(ctx: Pick<OpContext, 'store' | 'project' | 'env'>, c: CapturedConfig): ConfigSnapshot {
  if (c.env) writeEnvSnapshot(ctx.project, c.env);
  const secrets = projectSecrets(ctx);
  return ctx.store.saveConfigSnapshot({
    project: ctx.project.name,
    hash: c.hash,
    files: c.files.map((f) => withoutSecrets(ctx.project, f, secrets)),
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
