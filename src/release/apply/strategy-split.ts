// Which services of a level go start-first right now, and which are recreated (and why): the plan says
// start-first, the stack as it is may not allow it (proxy down, several or no containers, no shared
// network, a running container compose did not make). Apply can only fall back, never upgrade.
import type { ServiceStrategy } from '../../domain/strategy';
import type { ServiceContainer } from '../../engines/engine';
import { say, type OpContext } from '../context';
import { t } from '../../domain/messages';
import { tagOf } from '../../domain/plan';
import { tagsFor } from '../resolve/resolve';

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


export function running(c: ServiceContainer): boolean {
  return c.state === 'running';
}

export async function proxyContainer(ctx: OpContext, all?: ServiceContainer[]): Promise<ServiceContainer | null> {
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

export const viaProxy = (units: StartFirstUnit[]): StartFirstUnit[] => units.filter((u) => u.via === 'proxy');
export const viaRouter = (units: StartFirstUnit[]): StartFirstUnit[] => units.filter((u) => u.via === 'router');

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

