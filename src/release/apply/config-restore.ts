// `rollback --with-config`, applied: the target's compose files written (the replaced ones kept), then the
// infrastructure and the plan released with the same apply and health gate as any release; on failure the
// files go back and what differs is recreated as it was.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { writeFileAtomic } from '../../adapters/fs/atomic';
import { loadProject, type Project } from '../../config/project';
import { isRepriseError } from '../../domain/errors';
import type { Plan } from '../../domain/plan';
import { say, type OpContext } from '../context';
import { gateInfrastructure, gateStep } from '../verify/gate-step';
import type { IncidentRecorder } from '../record/incident';
import { applyPlan, type ApplyOutcome, type StepFailure } from './release';
import { tagsFor } from '../resolve/resolve';
import { captureConfig, storeConfig } from '../record/config-record';
import { loadOptions, type ConfigRestore } from '../plan/config-restore-plan';

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

/** (Re)creates services with compose, then waits for each one with the release's health gate. */
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
      // the release's own gate: versioned services on their image, the infrastructure on its health
      const failure = v && g.version ? await gateStep(ctx, { service, version: g.version }, false) : await gateInfrastructure(ctx, service);
      if (failure) {
        say(ctx, 'serviceFailed', { service, reason: failure.reason });
        return { ...failure, version: g.version ?? '-' };
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
