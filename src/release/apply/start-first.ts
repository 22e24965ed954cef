// Start-first replacement behind the stack's own reverse proxy (issue 6), docker-rollout / Kamal style:
//   1. the proxy is pinned to the running (old) container, so it never sends a request to the new one early;
//   2. the new version's container starts beside the old one (compose --scale N+1 --no-recreate);
//   3. it is health-gated on its own (Docker health, and the health URL's path on its own address);
//   4. the proxy is pinned to it and reloaded gracefully: the old workers finish their requests (the drain,
//      bounded by proxy.drain_timeout), then the old container is stopped and removed;
//   5. the pin goes back to the service name (Docker's DNS), which now resolves to the new container only.
// A new container that never becomes healthy is removed; the old one kept serving the whole time.
// The proxy kind is nginx: one `<pin_dir>/<service>.conf` per upstream sets $reprise_upstream.
import type { ServiceStrategy } from '../../domain/strategy';
import { nginxPin } from '../../domain/strategy';
import type { ServiceContainer } from '../../engines/engine';
import { serviceContainer } from '../../engines/service-container';
import { say, warn, type OpContext } from '../context';
import { t } from '../../domain/messages';
import { tagOf } from '../../domain/plan';
import { tagsFor } from '../resolve/resolve';
import { abandonTwins, recoverTwins, startTwins, switchTwins } from './start-first-router';

export interface StartFirstUnit {
  service: string;
  version: string;
  /** behind the stack's own proxy (pinned) or a router outside the project (a twin: start-first-router.ts) */
  via: 'proxy' | 'router';
  port: number;
  oldId: string;
  oldAddress: string;
  newId: string | null;
  newAddress: string | null;
}

export interface StrategySplit {
  startFirst: StartFirstUnit[];
  recreate: string[];
  proxyId: string | null;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** how long nginx gets to start the workers of a new configuration */
const RELOAD_TIMEOUT_MS = 5_000;

function running(c: ServiceContainer): boolean {
  return c.state === 'running';
}

async function proxyContainer(ctx: OpContext, all?: ServiceContainer[]): Promise<ServiceContainer | null> {
  const px = ctx.project.proxy;
  if (!px) return null;
  const list = all ?? (await ctx.engine.containers());
  return list.find((c) => c.service === px.service && running(c)) ?? null;
}

/**
 * Whether a service is released start-first behind the stack's proxy (compose). On Swarm there is no proxy
 * to pin: Swarm's own update order does it (see domain/strategy chooseSwarmStrategy).
 */
export function behindProxy(ctx: Pick<OpContext, 'project'>, name: string): boolean {
  const s = ctx.project.strategies.get(name);
  if (s?.strategy !== 'start-first') return false;
  return s.via === 'router' ? ctx.project.router !== null : ctx.project.proxy !== null;
}

const viaProxy = (units: StartFirstUnit[]): StartFirstUnit[] => units.filter((u) => u.via === 'proxy');
const viaRouter = (units: StartFirstUnit[]): StartFirstUnit[] => units.filter((u) => u.via === 'router');

/**
 * Which of `names` (one version, one dependency level) go start-first right now. A service configured
 * start-first still recreates when the proxy is not running, when none of its containers runs (first
 * deploy, stopped stack), when several are left over, or when it shares no network with the proxy; the
 * reason is printed.
 */
export async function splitByStrategy(ctx: OpContext, names: string[], version: string, quiet = false): Promise<StrategySplit> {
  const wanted = names.filter((n) => behindProxy(ctx, n));
  if (wanted.length === 0) return { startFirst: [], recreate: names, proxyId: null };
  const all = await ctx.engine.containers();
  const proxy = await proxyContainer(ctx, all);
  const startFirst: StartFirstUnit[] = [];
  const recreate = names.filter((n) => !wanted.includes(n));
  for (const service of wanted) {
    const strategy = ctx.project.strategies.get(service) as ServiceStrategy;
    const mine = all.filter((c) => c.service === service);
    if (strategy.via === 'router') {
      let why = mine.length > 1 ? t(ctx.lang, 'reasonSeveral', { detail: mine.length }) : mine.length === 0 || !running(mine[0]) ? t(ctx.lang, 'reasonNotRunning') : null;
      if (!why && !quiet && ctx.engine.twinObstacle) {
        // the twin copies the running container: only right when the compose file gives the new version the same configuration but its image
        const svc = ctx.project.versioned.find((v) => v.name === service)!;
        const oldVersion = tagOf(mine[0].image, svc.repository) ?? '';
        const obstacle = oldVersion ? await ctx.engine.twinObstacle(mine[0].id, service, tagsFor(ctx.project, version), tagsFor(ctx.project, oldVersion)).catch(() => 'compose_changed' as const) : 'compose_changed';
        if (obstacle) why = t(ctx.lang, obstacle === 'compose_changed' ? 'reasonComposeChanged' : 'reasonMoreThanImage');
      }
      if (why) {
        if (!quiet) say(ctx, 'strategyFallback', { service, why });
        recreate.push(service);
      } else startFirst.push({ service, version, via: 'router', port: 0, oldId: mine[0].id, oldAddress: '', newId: null, newAddress: null });
      continue;
    }
    let why: string | null = null;
    if (!proxy) why = t(ctx.lang, 'reasonProxyDown', { detail: ctx.project.proxy?.service ?? '-' });
    else if (mine.length > 1) why = t(ctx.lang, 'reasonSeveral', { detail: mine.length });
    else if (mine.length === 0 || !running(mine[0])) why = t(ctx.lang, 'reasonNotRunning');
    let address: string | null = null;
    if (!why && proxy) {
      address = await ctx.engine.addressBeside(mine[0].id, proxy.id);
      if (!address) why = t(ctx.lang, 'reasonNoNetwork');
    }
    if (why || !address) {
      if (!quiet) say(ctx, 'strategyFallback', { service, why: why ?? '' });
      recreate.push(service);
      continue;
    }
    startFirst.push({ service, version, via: 'proxy', port: strategy.port as number, oldId: mine[0].id, oldAddress: address, newId: null, newAddress: null });
  }
  // keep the caller's order for the recreated ones
  recreate.sort((a, b) => names.indexOf(a) - names.indexOf(b));
  return { startFirst, recreate, proxyId: viaProxy(startFirst).length ? (proxy as ServiceContainer).id : null };
}

// --- the nginx proxy -------------------------------------------------------------------------

function workerPids(list: Array<{ pid: number; command: string }>): number[] {
  return list.filter((p) => /nginx: worker process/.test(p.command)).map((p) => p.pid);
}

/**
 * Writes the pin files and reloads; returns the pids of the workers replaced. The reload is a SIGHUP to the
 * container's main process — nginx's master, as in the demo and the official images (the same thing
 * `nginx -s reload` does, without an exec); with `wait` false that is all (the pins back on the names: when
 * exactly they apply does not matter). A reload is proven by workers of a new generation: a configuration
 * nginx refuses starts none (it keeps the old one and says why in its log).
 */
async function pinAndReload(ctx: OpContext, proxyId: string, pins: Array<[string, string]>, wait = true): Promise<number[]> {
  const px = ctx.project.proxy!;
  // a reload not waited for must have taken effect first, or its workers would pass for this one's
  await pendingReload;
  await Promise.all(pins.map(([service, address]) => ctx.engine.putFile(proxyId, px.pinDir, `${service}.conf`, nginxPin(address))));
  const before = workerPids(await ctx.engine.processes(proxyId));
  await ctx.engine.signal(proxyId, 'HUP');
  const reloaded = newGeneration(ctx, proxyId, before);
  if (!wait) {
    pendingReload = reloaded.catch((e: Error) => warn(ctx, 'proxyWarning', { reason: e.message }));
    return before;
  }
  await reloaded;
  return before;
}

/** the last reload that was not waited for (see pinAndReload) */
let pendingReload: Promise<unknown> = Promise.resolve();

/** Resolves once a worker that was not in `before` runs (the new configuration is in use). */
async function newGeneration(ctx: OpContext, proxyId: string, before: number[]): Promise<void> {
  const old = new Set(before);
  const deadline = Date.now() + RELOAD_TIMEOUT_MS;
  for (;;) {
    if (workerPids(await ctx.engine.processes(proxyId)).some((p) => !old.has(p))) return;
    if (Date.now() >= deadline) {
      const log = await ctx.engine.logsSince(proxyId, new Date(Date.now() - RELOAD_TIMEOUT_MS - 5000), 5).catch(() => '');
      throw new Error(`nginx did not reload (${log.trim().split('\n').slice(-1)[0] || 'no new workers'})`);
    }
    await sleep(25);
  }
}

/**
 * Waits until the workers of the previous configuration have finished their requests and exited; false
 * on timeout, and also when the process list cannot be read (treated like a drain that did not finish).
 */
async function drain(ctx: OpContext, proxyId: string, before: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const old = new Set(before);
  for (;;) {
    let now: number[];
    try {
      now = workerPids(await ctx.engine.processes(proxyId));
    } catch {
      return false;
    }
    if (!now.some((p) => old.has(p))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
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
  const before = await pinAndReload(
    ctx,
    split.proxyId!,
    viaProxy(split.startFirst).map((u) => [u.service, `${u.oldAddress}:${u.port}`]),
  );
  // `nginx -s reload` returns before the new workers run: until the previous ones are gone, a worker still
  // resolving the service name could reach the new container — so no new container before that
  if (!(await drain(ctx, split.proxyId!, before, ctx.project.proxy!.drainTimeoutMs))) {
    throw new Error(t(ctx.lang, 'proxyReloadPending', { seconds: Math.round(ctx.project.proxy!.drainTimeoutMs / 1000) }));
  }
}

/** Back to the service names (Docker's DNS); a failure is only a warning: the pins still point at live containers. */
export async function unpin(ctx: OpContext, proxyId: string, services: string[], wait = true): Promise<void> {
  if (services.length === 0) return;
  const px = ctx.project.proxy!;
  try {
    await pinAndReload(
      ctx,
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
    pins.set(service, (await ctx.engine.readFile(proxyId, `${px.pinDir}/${service}.conf`).catch(() => null))?.trim() ?? null);
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
    before = await pinAndReload(
      ctx,
      split.proxyId!,
      split.startFirst.map((u) => [u.service, `${u.newAddress}:${u.port}`]),
    );
  } catch (e) {
    await pinOld(ctx, split).catch(() => undefined);
    throw e;
  }
  // from here on the proxy sends every new request to the new containers: nothing below undoes that
  const drained = await drain(ctx, split.proxyId!, before, px.drainTimeoutMs);
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
