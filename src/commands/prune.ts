// prune [--keep N] [--dry-run]: removes the images of old complete versions, never the ones a
// rollback may need (SPEC §3, §7 keep_versions, §9 "pruning that deletes the rollback target").
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotsToPrune } from '../domain/data-snapshot';
import { RepriseError, isRepriseError } from '../domain/errors';
import { t } from '../domain/messages';
import { DEFAULT_KEEP_VERSIONS, formatBytes, selectPrune, type KeptVersion, type Leftover, type Protection, type PruneInput, type PruneTarget } from '../domain/prune';
import { tagOf } from '../domain/plan';
import type { EngineContainer } from '../engines/engine';
import { elsewhereByProject, versionOwnership } from '../domain/ownership';
import { ownershipFacts } from '../release/resolve/project-versions';
import { say, warn, type OpContext } from '../release/context';
import { environmentStates, type EnvironmentState } from '../release/resolve/environments';
import { acquireOrFail, withLock } from '../release/guard';
import { resolveState } from '../release/resolve/resolve';

export interface PruneOptions {
  /** print only what was removed and the summary (the prune that follows a deploy) */
  quiet?: boolean;
  /** N newest complete versions kept; default keep_versions from reprise.yml, else 5 */
  keep?: number;
  dryRun?: boolean;
}

export interface PrunedVersion {
  version: string;
  /** its exited one-shot containers (migrations) removed first, by name; in a dry run, the ones that would be */
  containers: string[];
  /** references removed (`repository:tag`); in a dry run, the ones that would be */
  images: string[];
  /** of those, the ones whose image was deleted (the others only lost this tag) */
  deleted: string[];
  /** bytes released for this version (0 in a dry run) */
  bytes: number;
  /** its data snapshots removed (backups/ paths), the newest of each service always kept; in a dry run, the ones that would be */
  snapshots: string[];
}

export interface PruneProblem {
  version: string;
  image: string;
  /** a container uses the image: kept, never forced */
  inUse: boolean;
  error: string;
}

export interface PruneResult {
  /** false when an image could not be removed for another reason than being in use */
  ok: boolean;
  project: string;
  environment: string | null;
  dryRun: boolean;
  keep: number;
  kept: KeptVersion[];
  removed: PrunedVersion[];
  problems: PruneProblem[];
  /** bytes released; null in a dry run (Docker only tells when it deletes) */
  reclaimedBytes: number | null;
  /** tags of the same repositories that belong to other projects: never listed in `kept`, never removed */
  elsewhere: { count: number; projects: Array<{ project: string; count: number }> };
}

/** `keep_versions` from reprise.yml, else the default (5). */
export function configuredKeep(ctx: Pick<OpContext, 'project'>): number {
  return ctx.project.config.keep_versions ?? DEFAULT_KEEP_VERSIONS;
}

export async function prune(ctx: OpContext, opts: PruneOptions): Promise<PruneResult> {
  return withLock(ctx, 'prune', opts.dryRun ? 'dry run' : null, () => pruneLocked(ctx, opts));
}

/** Versions every environment still needs, with the reason, in this project's words. */
async function protections(ctx: OpContext, envs: EnvironmentState[]): Promise<Protection[]> {
  const out: Protection[] = [];
  const add = (version: string | null | undefined, reason: string): void => {
    if (version) out.push({ version, reason });
  };
  const state = await resolveState(ctx);
  add(state.current, 'current');
  add(state.previous, 'previous');
  for (const v of state.runningVersions) if (v !== state.current) add(v, 'running');
  const unreadable = envs.find((e) => e.error !== null);
  if (unreadable) {
    // without knowing what an environment runs, nothing is safe to delete
    throw new RepriseError('OPERATION_FAILED', 'pruneEnvironmentUnreadable', { environment: unreadable.environment ?? unreadable.project, reason: unreadable.error ?? '-' });
  }
  for (const e of envs) {
    const own = e.project === ctx.project.name;
    const at = own ? '' : `@${e.environment ?? e.project}`;
    if (own) {
      // current, previous and running come from resolveState above
      if (e.lastGood !== state.current) add(e.lastGood, 'last-good');
      add(e.previous, 'previous');
    } else {
      add(e.current, `current${at}`);
      for (const v of e.runningVersions) if (v !== e.current) add(v, `running${at}`);
      if (e.lastGood !== e.current) add(e.lastGood, `last-good${at}`);
      add(e.previous, `previous${at}`);
    }
    // an operation in progress or interrupted there: its target and its way back
    const journal = ctx.store.getJournal(e.project);
    add(journal?.version, `interrupted${at}`);
    add(journal?.fromVersion, `interrupted${at}`);
    for (const r of ctx.store.listReleases(e.project, { limit: 20 })) {
      if (r.outcome !== 'running') continue;
      add(r.version, `in-progress${at}`);
      add(r.fromVersion, `in-progress${at}`);
    }
  }
  return out;
}

export async function pruneLocked(ctx: OpContext, opts: PruneOptions): Promise<PruneResult> {
  const keep = opts.keep ?? configuredKeep(ctx);
  const dryRun = Boolean(opts.dryRun);
  const envs = await environmentStates(ctx);
  // the other environments share the images: their operations wait while images are removed (a deploy
  // there could otherwise be about to use a version this run deletes)
  const others = [...new Set(envs.map((e) => e.project))].filter((name) => name !== ctx.project.name && name !== '-');
  const locked: string[] = [];
  try {
    if (!dryRun) {
      for (const name of others) {
        acquireOrFail(ctx, 'prune', `prune from ${ctx.project.name}`, false, name);
        locked.push(name);
      }
    }
    return await pruneWithEnvironments(ctx, keep, dryRun, envs, Boolean(opts.quiet));
  } finally {
    for (const name of locked) ctx.store.releaseLock(name, ctx.pid);
  }
}

async function pruneWithEnvironments(ctx: OpContext, keep: number, dryRun: boolean, envs: EnvironmentState[], quiet: boolean): Promise<PruneResult> {
  const repos = ctx.project.versioned.map((s) => s.repository);
  const prot = await protections(ctx, envs);
  const released = new Set([ctx.project.name, ...envs.map((e) => e.project)].flatMap((name) => ctx.store.listReleases(name).map((r) => r.version)));
  // compose: exited one-shot containers of this project hold old versions' images (Swarm keeps its own task history)
  const compose = ctx.engine.name === 'compose';
  const [images, inUse, all] = await Promise.all([ctx.engine.images(repos), ctx.engine.imagesInUse(), ctx.engine.allContainers()]);
  // the images kept versions' releases ran, whatever tag they carry now (a re-pushed tag moved away from them)
  const ran = [ctx.project.name, ...envs.map((e) => e.project)].flatMap((name) => ctx.store.releasedImages(name));
  const selection = selectPrune({ services: ctx.project.versioned, images, keep, protections: prot, inUse, released, ran, ...(compose ? leftoversOf(ctx, all) : {}) });
  // another project's tags of the same repositories (never released here, so never removed): counted, not listed
  const ownership = versionOwnership(
    selection.kept.map((k) => k.version),
    ownershipFacts(ctx.project, ctx.store, ctx.store.listReleases(ctx.project.name), images, all, []),
  );
  const foreign = new Set(ownership.elsewhere.map((e) => e.version));
  // (kept only because never released here, and possibly in use by that other project's containers)
  const notMine = (k: KeptVersion): boolean => foreign.has(k.version) && k.reasons.includes('not-released') && k.reasons.every((r) => r === 'not-released' || r === 'in-use');
  const kept = selection.kept.filter((k) => !notMine(k));
  const elsewhere = ownership.elsewhere.filter((e) => !kept.some((k) => k.version === e.version));

  const result: PruneResult = {
    ok: true,
    project: ctx.project.name,
    environment: ctx.project.environment,
    dryRun,
    keep,
    kept,
    removed: [],
    problems: [],
    reclaimedBytes: dryRun ? null : 0,
    elsewhere: { count: elsewhere.length, projects: elsewhereByProject(elsewhere) },
  };
  for (const target of selection.remove) {
    const entry: PrunedVersion = { version: target.version, containers: [], images: [], deleted: [], bytes: 0, snapshots: [] };
    if (dryRun) {
      entry.containers = target.containers.map((c) => c.name);
      entry.images = target.images.map((i) => i.reference);
      result.removed.push(entry);
      continue;
    }
    const containerProblem = await removeLeftovers(ctx, target, entry);
    if (containerProblem) {
      result.problems.push(containerProblem);
      if (!containerProblem.inUse) result.ok = false;
      result.kept.push({ version: target.version, reasons: containerProblem.inUse ? ['in-use'] : ['not-removed'] });
      continue;
    }
    for (const img of target.images) {
      const r = await ctx.engine.removeImage(img.reference);
      if (r.error !== null) {
        result.problems.push({ version: target.version, image: img.reference, inUse: r.inUse, error: r.error });
        if (!r.inUse) result.ok = false;
        // stop at the first refusal: the version's other images stay, so it is not left half removed
        break;
      }
      entry.images.push(img.reference);
      if (r.deleted) entry.deleted.push(img.reference);
      entry.bytes += r.bytes;
    }
    if (entry.images.length > 0) result.removed.push(entry);
    else result.kept.push({ version: target.version, reasons: result.problems.some((p) => p.version === target.version && p.inUse) ? ['in-use'] : ['not-removed'] });
    result.reclaimedBytes = (result.reclaimedBytes ?? 0) + entry.bytes;
  }
  pruneSnapshots(ctx, result);
  if (!dryRun) {
    const versions = result.removed.map((r) => r.version);
    ctx.store.addEvent(
      ctx.project.name,
      'prune',
      `removed ${versions.length} version(s)${versions.length ? `: ${versions.join(', ')}` : ''}; ${result.reclaimedBytes ?? 0} bytes reclaimed`,
      { keep, removed: result.removed, kept: result.kept, problems: result.problems, reclaimedBytes: result.reclaimedBytes },
    );
  }
  report(ctx, result, quiet);
  return result;
}

/**
 * The data snapshots of the versions removed go with them (issue 22: kept for the releases prune keeps), except
 * the newest of each service. A file that cannot be removed keeps its row and is a problem, not a failure.
 */
function pruneSnapshots(ctx: OpContext, result: PruneResult): void {
  const byVersion = new Map(result.removed.map((r) => [r.version, r]));
  for (const s of snapshotsToPrune(ctx.store.listSnapshots(ctx.project.name), [...byVersion.keys()])) {
    const entry = byVersion.get(s.version)!;
    if (!result.dryRun) {
      try {
        rmSync(join(ctx.project.dir, s.path), { force: true });
      } catch (e) {
        result.problems.push({ version: s.version, image: s.path, inUse: false, error: (e as Error).message });
        continue;
      }
      ctx.store.removeSnapshot(s.id);
    }
    entry.snapshots.push(s.path);
  }
}

/**
 * This project's exited one-shot containers (migrations, `compose run` ones too) with the version each ran,
 * and which containers use each image (every project's): what lets prune remove an old version whose only
 * users are its own leftovers.
 */
export function leftoversOf(ctx: OpContext, all: EngineContainer[]): Pick<PruneInput, 'leftovers' | 'imageUsers'> {
  const oneShots = new Map(ctx.project.versioned.filter((s) => s.oneShot).map((s) => [s.name, s.repository]));
  const leftovers: Leftover[] = [];
  const imageUsers = new Map<string, string[]>();
  for (const c of all) {
    imageUsers.set(c.imageId, [...(imageUsers.get(c.imageId) ?? []), c.id]);
    const repository = c.service ? oneShots.get(c.service) : undefined;
    if (c.project !== ctx.project.name || !repository || !EXITED.has(c.state)) continue;
    const version = tagOf(c.image, repository);
    if (version) leftovers.push({ id: c.id, name: c.name, imageId: c.imageId, version });
  }
  return { leftovers, imageUsers };
}

const EXITED = new Set(['exited', 'dead']);

/**
 * Removes a version's exited one-shot containers before its images. Each is read again first: one that is no
 * longer exited (started meanwhile) keeps the version, as in use. Returns the problem, or null.
 */
async function removeLeftovers(ctx: OpContext, target: PruneTarget, entry: PrunedVersion): Promise<PruneProblem | null> {
  for (const c of target.containers) {
    try {
      const now = await ctx.engine.container(c.id);
      if (now && !EXITED.has(now.state)) return { version: target.version, image: c.name, inUse: true, error: `container ${c.name} is ${now.state}` };
      if (now) await ctx.engine.removeContainer(c.id);
      entry.containers.push(c.name);
    } catch (e) {
      return { version: target.version, image: c.name, inUse: false, error: (e as Error).message };
    }
  }
  return null;
}

/** Human lines (stderr): each version removed and kept with its reasons, the space reclaimed. */
function report(ctx: OpContext, r: PruneResult, quiet: boolean): void {
  for (const v of r.removed) {
    say(ctx, r.dryRun ? 'pruneWouldRemove' : 'pruneRemoved', { version: v.version, images: v.images, size: formatBytes(v.bytes, ctx.lang) });
    if (v.containers.length) say(ctx, r.dryRun ? 'pruneWouldRemoveContainers' : 'pruneRemovedContainers', { version: v.version, containers: v.containers });
    if (v.snapshots.length) say(ctx, r.dryRun ? 'pruneWouldRemoveSnapshots' : 'pruneRemovedSnapshots', { version: v.version, snapshots: v.snapshots });
  }
  if (!quiet) {
    // versions kept only because this configuration never released them: one line for all of them
    const foreign = r.kept.filter((k) => k.reasons.length === 1 && k.reasons[0] === 'not-released').map((k) => k.version);
    for (const k of r.kept) if (!foreign.includes(k.version)) say(ctx, 'pruneKept', { version: k.version, reasons: k.reasons.map((x) => reasonText(ctx, x)) });
    if (foreign.length) say(ctx, 'pruneKeptNotReleased', { versions: foreign });
    if (r.elsewhere.count) say(ctx, 'pruneElsewhere', { count: r.elsewhere.count, projects: r.elsewhere.projects.map((p) => `${p.project}: ${p.count}`).join(', ') });
  }
  for (const p of r.problems) warn(ctx, p.inUse ? 'pruneInUse' : 'pruneImageFailed', { image: p.image, error: p.error });
  if (r.dryRun) say(ctx, 'pruneDryRunDone', { count: r.removed.length });
  else say(ctx, 'pruneDone', { count: r.removed.length, size: formatBytes(r.reclaimedBytes ?? 0, ctx.lang) });
}

/** A reason code in the user's language, e.g. `last-good@staging` → "last good in staging". */
export function reasonText(ctx: Pick<OpContext, 'lang'>, code: string): string {
  // an image a kept version's release ran (issue 21)
  if (code.startsWith('ran-by:')) return t(ctx.lang, 'pruneReasonRanBy', { version: code.slice('ran-by:'.length) });
  const [base, env] = code.split('@');
  const key = (
    {
      newest: 'pruneReasonNewest',
      incomplete: 'pruneReasonIncomplete',
      current: 'pruneReasonCurrent',
      previous: 'pruneReasonPrevious',
      running: 'pruneReasonRunning',
      'last-good': 'pruneReasonLastGood',
      interrupted: 'pruneReasonInterrupted',
      'in-progress': 'pruneReasonInProgress',
      'in-use': 'pruneReasonInUse',
      'not-removed': 'pruneReasonNotRemoved',
      'not-released': 'pruneReasonNotReleased',
    } as const
  )[base];
  if (!key) return code;
  const text = t(ctx.lang, key);
  return env ? t(ctx.lang, 'pruneReasonInEnv', { reason: text, environment: env }) : text;
}

/**
 * After a successful deploy, when reprise.yml sets keep_versions: prune with it. Runs inside the
 * deploy's lock; a problem is a warning and never fails the deploy.
 */
export async function pruneAfterDeploy(ctx: OpContext): Promise<PruneResult | { ok: false; error: string } | null> {
  const keep = ctx.project.config.keep_versions;
  if (keep === undefined) return null;
  try {
    return await pruneLocked(ctx, { keep, quiet: true });
  } catch (e) {
    const reason = isRepriseError(e) ? `${e.code}: ${t(ctx.lang, e.key, e.params)}` : (e as Error).message;
    warn(ctx, 'pruneAfterDeployFailed', { reason });
    return { ok: false, error: reason };
  }
}
