// `rollback --with-config`, planned: which compose files go back to the target release's, which services
// that changes, and the plan made against the target's compose model.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../adapters/fs/atomic';
import { loadProject, type Project } from '../../config/project';
import { serviceChanges, unifiedDiff, type ServiceChanges } from '../../domain/config-diff';
import { RepriseError, isRepriseError } from '../../domain/errors';
import { dependencyOrder, type Plan, type PlanStep } from '../../domain/plan';
import { say, warn, projectSecrets, type OpContext } from '../context';
import { storedPath, wholeContent } from '../record/config-record';
import type { AppliedConfig } from '../apply/config-restore';

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

export function loadOptions(ctx: OpContext): Parameters<typeof loadProject>[0] {
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
  // the whole texts (a file that held a secret is stored masked, its text in a private file)
  const targetCompose = snap.files.filter((f) => f.role === 'compose').map((f) => ({ ...f, content: wholeContent(ctx.project, f) }));
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
