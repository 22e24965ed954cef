// serve (issue 23): what keeps time beside the dashboard, for every environment — the incident clock once a
// tick (release/record/incident-clock.ts), and the post-release watch: a deploy that succeeded less than the
// watch window ago is watched with `monitor --auto-rollback` for what is left of the window.
//
// Safe to restart at any time: the clock's messages are claimed in the store (nothing sent twice, nothing
// missed); a watch that ended (its window passed, or it rolled back) is recorded as a `serve_watch_done`
// event, and one cut short by a stop or a crash is taken up again for the rest of its window.
import type { OpContext } from '../release/context';
import { runIncidentClock } from '../release/record/incident-clock';
import { claimantDead } from '../release/claimant';
import { sleepUnlessAborted } from '../release/sleep';
import { t } from '../domain/messages';
import { watch } from './monitor';

export interface KeeperOptions {
  environments: Array<string | null>;
  /** a context on the environment's real state store; the keeper closes its store */
  open(env: string | null): OpContext;
  /** how long after a successful deploy it is watched (0: no watch) */
  watchMs: number;
  /** the clock's period */
  tickMs: number;
  signal: AbortSignal;
  log(line: string): void;
}

interface Watching {
  releaseId: number;
  stop: AbortController;
  done: Promise<void>;
}

/** how long a watch that could not run waits before serve tries it again */
const WATCH_RETRY_MS = 30_000;

/**
 * The successful deploy still inside its watch window, and how much of the window is left (null: none) — unless
 * it was deployed with --no-rollback, its watch is over (serve's, or deploy --watch's), or a live
 * `deploy --watch` is watching it now.
 */
export function releaseToWatch(ctx: Pick<OpContext, 'store' | 'project' | 'now' | 'host'>, watchMs: number): { releaseId: number; version: string; remainingMs: number } | null {
  if (watchMs <= 0) return null;
  const newest = ctx.store.listReleases(ctx.project.name, { limit: 1 })[0];
  if (!newest || newest.kind !== 'deploy' || newest.outcome !== 'success' || !newest.finishedAt) return null;
  const remainingMs = watchMs - (ctx.now().getTime() - Date.parse(newest.finishedAt));
  if (remainingMs < 1000) return null;
  const done = ctx.store.listEvents(ctx.project.name, { type: 'serve_watch_done', limit: 20 }).some((e) => e.details.release === newest.id);
  if (done) return null;
  const intents = ctx.store.listEvents(ctx.project.name, { type: 'release_watch', limit: 20 }).filter((e) => e.details.release === newest.id);
  const leftAlone = intents.some((e) => e.details.autoRollback === false || e.details.done === true || (typeof e.details.watcher === 'string' && !claimantDead(ctx, e.details.watcher)));
  return leftAlone ? null : { releaseId: newest.id, version: newest.version, remainingMs };
}

/** Runs until `signal` aborts; then waits for the watches to stop. Never throws. */
export async function keepTime(o: KeeperOptions): Promise<void> {
  const watching = new Map<string | null, Watching>();
  /** a watch that could not run (the engine unreachable): not started again before retryAt */
  const failed = new Map<string | null, { releaseId: number; retryAt: number }>();
  const startWatch = (env: string | null, releaseId: number, remainingMs: number, version: string): Watching => {
    const stop = new AbortController();
    const onServeStop = (): void => stop.abort();
    o.signal.addEventListener('abort', onServeStop, { once: true });
    const ctx = o.open(env);
    o.log(t(ctx.lang, 'serveWatching', { release: releaseId, version, seconds: Math.round(remainingMs / 1000) }));
    // releaseId: a newer release found when the watch resumes after a pause stops it; sharedProcess: the
    // dashboard's rollback holds the lock from this very process, and the watch must pause for it too
    const done = watch(ctx, { durationMs: remainingMs, autoRollback: true, signal: stop.signal, releaseId, sharedProcess: true })
      .then((r) => {
        // ended by its window or by a criterion (rolled back or not): done; stopped by serve or a newer release: not
        if (r.stoppedBy !== 'signal') ctx.store.addEvent(ctx.project.name, 'serve_watch_done', `serve: watch of release #${releaseId} ended (${r.stoppedBy})`, { release: releaseId, stoppedBy: r.stoppedBy, ok: r.ok }, releaseId);
      })
      .catch((e: unknown) => {
        // not done: tried again after a pause (the engine unreachable for a moment must not cost the watch)
        o.log(t(ctx.lang, 'serveWatchFailed', { reason: (e as Error).message }));
        failed.set(env, { releaseId, retryAt: Date.now() + WATCH_RETRY_MS });
      })
      .finally(() => {
        o.signal.removeEventListener('abort', onServeStop);
        ctx.store.close();
        if (watching.get(env)?.releaseId === releaseId) watching.delete(env);
      });
    return { releaseId, stop, done };
  };

  while (!o.signal.aborted) {
    for (const env of o.environments) {
      if (o.signal.aborted) break;
      let ctx: OpContext | null = null;
      try {
        ctx = o.open(env);
        // the watch first: a watch superseded (a newer release, deploy --watch or --no-rollback recorded since)
        // stops before the clock spends seconds sending
        const current = watching.get(env);
        const next = releaseToWatch(ctx, o.watchMs);
        if (current && next?.releaseId !== current.releaseId) current.stop.abort();
        const retry = failed.get(env);
        const waiting = retry !== undefined && retry.releaseId === next?.releaseId && Date.now() < retry.retryAt;
        if (next && !watching.has(env) && !waiting) watching.set(env, startWatch(env, next.releaseId, next.remainingMs, next.version));
        await runIncidentClock(ctx);
      } catch (e) {
        o.log(t(ctx?.lang ?? 'en', 'serveClockFailed', { reason: (e as Error).message }));
      } finally {
        ctx?.store.close();
      }
    }
    await sleepUnlessAborted(o.tickMs, o.signal);
  }
  await Promise.all([...watching.values()].map((w) => w.done));
}
