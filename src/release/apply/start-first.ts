// Start-first replacement behind the stack's own reverse proxy (issue 6), docker-rollout / Kamal style:
//   1. the proxy is pinned to the running (old) container, so it never sends a request to the new one early;
//   2. the new version's container starts beside the old one (compose --scale N+1 --no-recreate);
//   3. it is health-gated on its own (Docker health, and the health URL's path on its own address);
//   4. the proxy is pinned to it and reloaded gracefully: the old workers finish their requests (the drain,
//      bounded by proxy.drain_timeout), then the old container is stopped and removed;
//   5. the pin goes back to the service name (Docker's DNS), which now resolves to the new container only.
// A new container that never becomes healthy is removed; the old one kept serving the whole time.
// The proxy kind is nginx: one `<pin_dir>/<service>.conf` per upstream sets $reprise_upstream.

import { nginxPin } from '../../domain/strategy';
import type { ServiceContainer } from '../../engines/engine';
import { serviceContainer } from '../../domain/containers';
import { say, warn, type OpContext } from '../context';
import { t } from '../../domain/messages';
import { NginxProxy } from '../../adapters/proxy/nginx';
import { proxyContainer, running, splitByStrategy, viaProxy, viaRouter, type StrategySplit } from './strategy-split';
import { abandonTwins, recoverTwins, startTwins, switchTwins } from './start-first-router';

// --- the nginx proxy (adapters/proxy/nginx.ts) ---------------------------------------------

/** one proxy adapter per engine: a reload not waited for is awaited by the next one, across the release */
const proxies = new WeakMap<object, NginxProxy>();

function nginx(ctx: OpContext): NginxProxy {
  let px = proxies.get(ctx.engine);
  if (!px) {
    px = new NginxProxy(ctx.engine, ctx.project.proxy!.pinDir, (reason) => warn(ctx, 'proxyWarning', { reason }));
    proxies.set(ctx.engine, px);
  }
  return px;
}

/**
 * Step 1 ahead of time: when the first level of a release has no start-first service (the migrations), the
 * start-first services of later levels are pinned to their running containers while it runs. Resolves to
 * service → the container pinned (nothing on any problem: the level then pins as usual).
 */
export async function prePin(ctx: OpContext, services: string[]): Promise<Map<string, string>> {
  const pinned = new Map<string, string>();
  try {
    const split = await splitByStrategy(ctx, services, '-', true);
    if (!split.startFirst.length) return pinned;
    await pinOld(ctx, split);
    for (const u of split.startFirst) pinned.set(u.service, u.oldId);
  } catch {
    // the level pins them itself
  }
  return pinned;
}

/** Step 1: requests keep going to the old containers only, whatever Docker's DNS answers. */
export async function pinOld(ctx: OpContext, split: StrategySplit): Promise<void> {
  if (!viaProxy(split.startFirst).length) return; // a router outside the project needs no pin
  const before = await nginx(ctx).pinAndReload(
    split.proxyId!,
    viaProxy(split.startFirst).map((u) => [u.service, `${u.oldAddress}:${u.port}`]),
  );
  // `nginx -s reload` returns before the new workers run: until the previous ones are gone, a worker still
  // resolving the service name could reach the new container — so no new container before that
  if (!(await nginx(ctx).drain(split.proxyId!, before, ctx.project.proxy!.drainTimeoutMs))) {
    throw new Error(t(ctx.lang, 'proxyReloadPending', { seconds: Math.round(ctx.project.proxy!.drainTimeoutMs / 1000) }));
  }
}

/** Back to the service names (Docker's DNS); a failure is only a warning: the pins still point at live containers. */
export async function unpin(ctx: OpContext, proxyId: string, services: string[], wait = true): Promise<void> {
  if (services.length === 0) return;
  const px = ctx.project.proxy!;
  try {
    await nginx(ctx).pinAndReload(
      proxyId,
      services.map((s) => [s, `${s}:${px.upstreams.get(s)}`]),
      wait,
    );
  } catch (e) {
    warn(ctx, 'proxyWarning', { reason: (e as Error).message });
  }
}

/**
 * Before any change (and before the stack is read for the plan), what an interrupted start-first release
 * (kill -9) may have left is put right:
 *  - a service with several containers keeps the one the proxy is pinned to (the one serving), else the
 *    newest running one (see serviceContainer); the others are stopped and removed;
 *  - then every pin that is not the service name goes back to it.
 */
export async function recoverStartFirst(ctx: OpContext): Promise<void> {
  await recoverTwins(ctx);
  const px = ctx.project.proxy;
  if (!px || px.upstreams.size === 0) return;
  const all = await ctx.engine.containers();
  const proxy = await proxyContainer(ctx, all);
  const pins = proxy ? await readPins(ctx, proxy.id) : new Map<string, string | null>();
  for (const [service, port] of px.upstreams) {
    const mine = all.filter((c) => c.service === service);
    if (mine.length < 2) continue;
    let keep: ServiceContainer | null = null;
    const pin = pins.get(service);
    if (proxy && pin) {
      for (const c of mine.filter(running)) {
        const address = await ctx.engine.addressBeside(c.id, proxy.id).catch(() => null);
        if (address && pin === nginxPin(`${address}:${port}`).trim()) keep = c;
      }
    }
    keep ??= serviceContainer(all, service);
    const extra = mine.filter((c) => c.id !== keep?.id);
    say(ctx, 'leftoversRemoved', { service, count: extra.length, kept: keep?.name ?? '-' });
    await Promise.all(extra.map((c) => ctx.engine.removeContainer(c.id)));
  }
  if (proxy) await unpinStale(ctx, proxy.id, pins);
}

/** The pin file of each upstream, as the proxy has it (null: unreadable or absent). */
async function readPins(ctx: OpContext, proxyId: string): Promise<Map<string, string | null>> {
  const px = ctx.project.proxy!;
  const pins = new Map<string, string | null>();
  for (const service of px.upstreams.keys()) {
    pins.set(service, await nginx(ctx).readPin(proxyId, service));
  }
  return pins;
}

/** Only the pins that are not the service name already go back to it (reading a file is cheaper than a reload). */
async function unpinStale(ctx: OpContext, proxyId: string, pins: Map<string, string | null>): Promise<void> {
  const px = ctx.project.proxy!;
  const stale = [...px.upstreams].filter(([service, port]) => pins.get(service) !== nginxPin(`${service}:${port}`).trim()).map(([service]) => service);
  await unpin(ctx, proxyId, stale);
}

/** Every pin that is not the service name goes back to it (a running proxy only; see recoverStartFirst). */
export async function resetPins(ctx: OpContext): Promise<void> {
  const px = ctx.project.proxy;
  if (!px || px.upstreams.size === 0) return;
  const proxy = await proxyContainer(ctx).catch(() => null);
  if (proxy) await unpinStale(ctx, proxy.id, await readPins(ctx, proxy.id));
}

/**
 * Step 2: the new containers beside the old ones, and their addresses on the proxy's network. When compose
 * fails part-way, the containers it did create are still recorded (so they are removed).
 */
export async function startBeside(ctx: OpContext, split: StrategySplit, tags: Record<string, string>): Promise<void> {
  const twinsStarted = viaRouter(split.startFirst).length ? startTwins(ctx, viaRouter(split.startFirst), tags) : Promise.resolve();
  const units = viaProxy(split.startFirst);
  if (!units.length) return twinsStarted;
  const { created, error } = await ctx.engine.startBeside({ services: units.map((u) => u.service), tags });
  for (const u of units) u.newId = created[u.service] ?? null;
  await twinsStarted;
  if (error) throw error;
  for (const u of units) {
    if (!u.newId) throw new Error(`${u.service}: compose started no new container`);
    u.newAddress = await ctx.engine.addressBeside(u.newId, split.proxyId!);
    if (!u.newAddress) throw new Error(`${u.service}: the new container shares no network with the proxy`);
  }
}

/** Stops and removes each container (null: nothing to remove); per container, whether it is gone. */
async function removeEach(ctx: OpContext, containers: Array<[string, string | null]>): Promise<boolean[]> {
  return Promise.all(
    containers.map(async ([service, id]) => {
      if (!id) return true;
      try {
        await ctx.engine.removeContainer(id);
        return true;
      } catch (e) {
        warn(ctx, 'containerNotRemoved', { service, reason: (e as Error).message });
        return false;
      }
    }),
  );
}

/**
 * A release that will not happen: the proxy stays pinned to the old containers while the new ones are
 * removed; only when every removal worked does it go back to the service names.
 */
export async function abandon(ctx: OpContext, split: StrategySplit): Promise<void> {
  await abandonTwins(ctx, viaRouter(split.startFirst));
  const units = viaProxy(split.startFirst);
  if (!units.length) return;
  const removed = await removeEach(ctx, units.map((u) => [u.service, u.newId]));
  await unpin(
    ctx,
    split.proxyId!,
    units.filter((_, i) => removed[i]).map((u) => u.service),
    false,
  );
}

/** Steps 4–5: the proxy to the new containers, drain, old containers removed, pins back to the names. */
export async function switchOver(ctx: OpContext, split: StrategySplit): Promise<void> {
  if (viaRouter(split.startFirst).length) await switchTwins(ctx, viaRouter(split.startFirst));
  const units = viaProxy(split.startFirst);
  if (units.length) await switchProxy(ctx, { ...split, startFirst: units });
}

async function switchProxy(ctx: OpContext, split: StrategySplit): Promise<void> {
  const px = ctx.project.proxy!;
  const started = Date.now();
  let before: number[];
  try {
    before = await nginx(ctx).pinAndReload(
      split.proxyId!,
      split.startFirst.map((u) => [u.service, `${u.newAddress}:${u.port}`]),
    );
  } catch (e) {
    await pinOld(ctx, split).catch(() => undefined);
    throw e;
  }
  // from here on the proxy sends every new request to the new containers: nothing below undoes that
  const drained = await nginx(ctx).drain(split.proxyId!, before, px.drainTimeoutMs);
  if (!drained) for (const u of split.startFirst) warn(ctx, 'proxyDrainTimeout', { service: u.service, seconds: Math.round(px.drainTimeoutMs / 1000) });
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const removed = await removeEach(ctx, split.startFirst.map((u) => [u.service, u.oldId]));
  for (const u of split.startFirst) say(ctx, drained ? 'proxySwitched' : 'proxySwitchedUndrained', { service: u.service, version: u.version, seconds });
  // a service whose old container could not be removed stays pinned to the new one (the name would
  // resolve to both)
  await unpin(
    ctx,
    split.proxyId!,
    split.startFirst.filter((_, i) => removed[i]).map((u) => u.service),
    false,
  );
}
