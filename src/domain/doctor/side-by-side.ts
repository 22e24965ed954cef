// side_by_side: can a long-running versioned service run two containers at once (start-first)?
import { interpolate } from '../interpolate';
import { fixedHostPort } from '../strategy';
import type { VersionedService } from '../types';
import type { Judgement, Msg } from './check';
import type { ComposeServiceFacts } from './compose-model';

export { fixedHostPort };

export interface SideBySideBlocker {
  service: string;
  containerName: string | null;
  hostPorts: string[];
  /** container ports of the fixed bindings (for the fix) */
  targets: string[];
}

/** Long-running versioned services that cannot run a second container next to the first one. */
export function sideBySideBlockers(services: ComposeServiceFacts[], versioned: VersionedService[], lookup: (name: string) => string | undefined): SideBySideBlocker[] {
  const out: SideBySideBlocker[] = [];
  for (const svc of services) {
    const v = versioned.find((x) => x.name === svc.name);
    if (!v || v.oneShot) continue;
    const hostPorts: string[] = [];
    const targets: string[] = [];
    for (const p of svc.ports) {
      const fixed = fixedHostPort(p, lookup);
      if (!fixed) continue;
      hostPorts.push(fixed);
      targets.push(interpolate(p, lookup).split('/')[0].split(':').pop() ?? '');
    }
    const containerName = svc.containerName ? interpolate(svc.containerName, lookup) : null;
    if (containerName || hostPorts.length) out.push({ service: svc.name, containerName, hostPorts, targets });
  }
  return out;
}

/** How each long-running versioned service is released: start-first, or recreate and why (already translated). */
export interface StrategyLine {
  service: string;
  strategy: 'start-first' | 'recreate';
  reason: string | null;
  why: string | null;
}

export function judgeSideBySide(blockers: SideBySideBlocker[], checked: string[], strategies: StrategyLine[] = [], remoteEngine: string | null = null): Judgement {
  const startFirst = strategies.filter((s) => s.strategy === 'start-first').map((s) => s.service);
  const recreate = strategies.filter((s) => s.strategy === 'recreate').map((s) => `${s.service} (${s.why ?? s.reason ?? '-'})`);
  const details = { checked, blockers, strategies: strategies.map(({ service, strategy, reason }) => ({ service, strategy, reason })), remoteEngine };
  // the start-first gate probes the new container's own address: not reachable from here on a remote engine
  if (remoteEngine && startFirst.length) return { status: 'warn', summary: ['doctorSideRemote', { services: startFirst, host: remoteEngine }], fix: ['doctorSideRemoteFix', { services: startFirst }], details };
  if (blockers.length === 0) {
    if (strategies.length) return { status: 'ok', summary: ['doctorSideStrategies', { startFirst: startFirst.length ? startFirst : '-', recreate: recreate.length ? recreate : '-' }], fix: null, details };
    return { status: 'ok', summary: ['doctorSideOk', { services: checked }], fix: null, details };
  }
  const list = blockers
    .map((b) => {
      const why = [...(b.containerName ? [`container_name: ${b.containerName}`] : []), ...b.hostPorts.map((h) => `ports: ${h}`)];
      return `${b.service} (${why.join(', ')})`;
    })
    .join('; ');
  const named = blockers.filter((b) => b.containerName);
  const ported = blockers.filter((b) => b.hostPorts.length);
  const fixes: Msg[] = [];
  if (named.length) fixes.push(['doctorSideFixName', { services: named.map((b) => b.service) }]);
  if (ported.length) fixes.push(['doctorSideFixPort', { services: ported.map((b) => b.service), target: ported[0].targets[0] || '8000' }]);
  return { status: 'warn', summary: ['doctorSideBlocked', { list, strategies: strategies.length ? ` [start-first: ${startFirst.join(', ') || '-'}; recreate: ${recreate.join(', ') || '-'}]` : '' }], fix: fixes.length === 1 ? fixes[0] : ['doctorSideFixBoth', { name: named.map((b) => b.service), port: ported.map((b) => b.service), target: ported[0].targets[0] || '8000' }], details };
}
