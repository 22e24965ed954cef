// Start-first replacement behind a router reprise does not own (issue 17, reprise.yml `router:`): Traefik or
// caddy-docker-proxy finding containers by Docker labels, nginx / HAProxy / Caddy resolving the service's
// name through Docker's DNS. Neither needs reprise to touch it:
//   1. the new version's container (the "twin") starts beside the running one, from that container's own
//      configuration, under a temporary name and WITHOUT the service's name: nothing that resolves the
//      service (a DNS router, another service) reaches it yet — a fixed container_name is no obstacle;
//   2. it is gated on its own (its healthcheck run by reprise, Docker's verdict);
//   3. it joins the service's name and takes the old container's name (the old one is renamed aside);
//      a label router is given until Docker itself reports it healthy (it skips containers that are not);
//   4. `router.settle` later (the router has seen it), the old container is stopped gracefully — it finishes
//      its requests, refuses new ones, and leaves Docker's DNS when it exits — and removed.
// A twin that fails its gate is removed; the old container kept serving the whole time. The twin carries
// compose's labels with the configuration hash compose computes for the new version: afterwards compose
// sees it as the service's own container, in sync (`docker compose up -d` recreates nothing).
import { isTemporaryName } from '../../domain/twin-spec';
import type { Engine } from '../../engines/engine';
import type { StartFirstUnit } from './strategy-split';
import { say, warn, type OpContext } from '../context';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function twins(engine: Engine): Required<Pick<Engine, 'startTwin' | 'joinServiceName' | 'takeName' | 'renameContainer'>> {
  if (!engine.startTwin || !engine.joinServiceName || !engine.takeName || !engine.renameContainer) throw new Error(`the ${engine.name} engine cannot start a container beside another`);
  return engine as Required<Pick<Engine, 'startTwin' | 'joinServiceName' | 'takeName' | 'renameContainer'>>;
}

/** Step 1 for each unit: its twin on the unit's version; the twins started are recorded even when one fails. */
export async function startTwins(ctx: OpContext, units: StartFirstUnit[], tags: Record<string, string>): Promise<void> {
  const t = twins(ctx.engine);
  const results = await Promise.allSettled(
    units.map(async (u) => {
      const svc = ctx.project.versioned.find((v) => v.name === u.service)!;
      u.newId = await t.startTwin(u.oldId, u.service, `${svc.repository}:${u.version}`, tags);
    }),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Until Docker reports the twin healthy (a label router skips it before), at most the health timeout. */
async function dockerHealthy(ctx: OpContext, id: string): Promise<void> {
  const deadline = Date.now() + ctx.project.health.timeoutMs;
  for (;;) {
    const c = await ctx.engine.container(id);
    if (!c || c.health === null || c.health === 'healthy') return;
    if (c.health === 'unhealthy') throw new Error('Docker reports the new container unhealthy');
    if (Date.now() >= deadline) throw new Error('Docker did not report the new container healthy in time (the router skips it until then)');
    await sleep(250);
  }
}

/** Steps 3–4: the twins take over; the old containers stop once the router has seen the new ones. */
export async function switchTwins(ctx: OpContext, units: StartFirstUnit[]): Promise<void> {
  const router = ctx.project.router!;
  const t = twins(ctx.engine);
  const started = Date.now();
  await Promise.all(
    units.map(async (u) => {
      if (router.kind === 'labels') await dockerHealthy(ctx, u.newId!);
      await t.joinServiceName(u.newId!, u.oldId, u.service);
      await t.takeName(u.newId!, u.oldId);
    }),
  );
  for (const u of units) await ctx.checkpoint(`named:${u.service}`);
  // from here on the new containers serve: nothing below undoes that
  await sleep(router.settleMs);
  await Promise.all(
    units.map(async (u) => {
      try {
        await ctx.engine.removeContainer(u.oldId);
      } catch (e) {
        warn(ctx, 'containerNotRemoved', { service: u.service, reason: (e as Error).message });
      }
    }),
  );
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  for (const u of units) say(ctx, 'routerSwitched', { service: u.service, version: u.version, seconds });
}

/** A twin that will not serve: removed, and the old container's name given back if it had been moved aside. */
export async function abandonTwins(ctx: OpContext, units: StartFirstUnit[]): Promise<boolean[]> {
  const t = twins(ctx.engine);
  return Promise.all(
    units.map(async (u) => {
      try {
        if (u.newId) await ctx.engine.removeContainer(u.newId);
        const old = await ctx.engine.container(u.oldId);
        if (old && isTemporaryName(old.name)) await t.renameContainer(u.oldId, old.name.replace(/-reprise-(next|old)$/, ''));
        return true;
      } catch (e) {
        warn(ctx, 'containerNotRemoved', { service: u.service, reason: (e as Error).message });
        return false;
      }
    }),
  );
}

/**
 * What an interrupted release (kill -9) left of a twin is put right before anything else: a service keeps
 * the container that serves under the service's own container name — the twin once it took that name, else
 * the old one —, the other is removed, and a container left under a temporary name gets its name back.
 */
export async function recoverTwins(ctx: OpContext): Promise<void> {
  const router = ctx.project.router;
  if (!router || !ctx.engine.renameContainer) return;
  const all = await ctx.engine.containers();
  for (const service of router.services) {
    const mine = all.filter((c) => c.service === service);
    if (!mine.some((c) => isTemporaryName(c.name))) continue;
    const proper = mine.filter((c) => !isTemporaryName(c.name));
    // the container under the proper name serves; without one, the retired (old) one does
    const keep = proper.find((c) => c.state === 'running') ?? proper[0] ?? mine.find((c) => /-reprise-old$/.test(c.name)) ?? mine[0];
    const extra = mine.filter((c) => c.id !== keep.id);
    say(ctx, 'leftoversRemoved', { service, count: extra.length, kept: keep.name.replace(/-reprise-(next|old)$/, '') });
    await Promise.all(extra.map((c) => ctx.engine.removeContainer(c.id)));
    if (isTemporaryName(keep.name)) await ctx.engine.renameContainer(keep.id, keep.name.replace(/-reprise-(next|old)$/, ''));
    // a twin that never joined the service's name (killed before) gets it now
    if (/-reprise-next$/.test(keep.name) && ctx.engine.joinServiceName) await ctx.engine.joinServiceName(keep.id, keep.id, service);
  }
}
