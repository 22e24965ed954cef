// What a deploy says about watching its release, for `reprise serve` (a `release_watch` event, written before the
// release is marked successful so that serve never sees the release without it): `deploy --no-rollback` (never
// rolled back automatically: serve leaves it alone), `deploy --watch` (`watcher`: its process; serve waits, and
// takes over if that process dies), and the end of that watch (`done`).
import { claimant } from '../claimant';
import type { OpContext } from '../context';

export function recordWatchIntent(ctx: OpContext, releaseId: number, o: { autoRollback: boolean; watching: boolean; done?: boolean }): void {
  const text = o.done ? `deploy --watch of release #${releaseId} ended` : o.watching ? `deploy --watch of release #${releaseId}` : `release #${releaseId} deployed with --no-rollback`;
  ctx.store.addEvent(ctx.project.name, 'release_watch', text, { release: releaseId, autoRollback: o.autoRollback, watcher: o.watching && !o.done ? claimant(ctx) : null, done: o.done === true }, releaseId);
}
