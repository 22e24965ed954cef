// swarm (engine: swarm): whether this engine can run the stack, and what will need care.
import { interpolate } from '../interpolate';
import { t, type Lang } from '../messages';
import { fixedHostPort } from '../strategy';
import type { Judgement, Msg } from './check';
import type { ComposeServiceFacts } from './compose-model';

export interface SwarmNodeFacts {
  hostname: string;
  role: string;
  state: string;
  availability: string;
}

export interface SwarmFactsForDoctor {
  /** LocalNodeState: active, inactive, pending, error, locked */
  state: string;
  manager: boolean;
  nodes: SwarmNodeFacts[] | null;
  /** the docker client can run `docker stack deploy` */
  cli: boolean;
  cliProgram: string;
  /** the kernel has IPVS (null: unknown, e.g. a remote engine) */
  ipvs: boolean | null;
  /** services of the stack that need IPVS: a virtual IP (endpoint_mode vip) or a port published through the routing mesh */
  needIpvs: string[];
  /** dockerd's DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 (null: unknown) */
  preferOffline: boolean | null;
}

/** What the engine itself says of its swarm (the rest comes from the project and this machine). */
export type SwarmEngineFacts = Pick<SwarmFactsForDoctor, 'state' | 'manager' | 'nodes' | 'cli' | 'cliProgram'>;

/** Services that rely on IPVS: a virtual IP (the default endpoint mode) or a port published through the routing mesh. */
export function servicesNeedingIpvs(services: ComposeServiceFacts[], lookup: (name: string) => string | undefined): string[] {
  return services
    .filter((svc) => {
      const host = new Set(svc.swarm.hostPorts.map((h) => interpolate(h, lookup)));
      const ingress = svc.ports.some((spec) => {
        const fixed = fixedHostPort(spec, lookup);
        return fixed !== null && !host.has(fixed.split(':').pop() ?? '');
      });
      return svc.swarm.endpointMode !== 'dnsrr' || ingress;
    })
    .map((svc) => svc.name);
}

/**
 * Whether this engine can run the stack: an active swarm, a manager, a docker client with `stack`; warns on
 * nodes that are down or drained, on a cluster of several nodes (images are built locally: each node must
 * have them), on a kernel without IPVS while the stack relies on virtual IPs or the routing mesh, and on a
 * daemon that asks a registry for every image before using its own.
 */
export function judgeSwarm(lang: Lang, f: SwarmFactsForDoctor): Judgement {
  const details = { ...f };
  if (f.state !== 'active') return { status: 'fail', summary: ['doctorSwarmInactive', { state: f.state }], fix: ['doctorSwarmInactiveFix', {}], details };
  if (!f.manager) return { status: 'fail', summary: ['doctorSwarmWorker', {}], fix: ['doctorSwarmWorkerFix', {}], details };
  if (!f.cli) return { status: 'fail', summary: ['doctorSwarmCli', { program: f.cliProgram }], fix: ['doctorSwarmCliFix', {}], details };
  const nodes = f.nodes ?? [];
  const down = nodes.filter((n) => n.state !== 'ready' || n.availability !== 'active').map((n) => `${n.hostname} (${n.state}, ${n.availability})`);
  const warnings: Msg[] = [];
  const fixes: Msg[] = [];
  if (down.length) {
    warnings.push(['doctorSwarmNodesDown', { nodes: down }]);
    fixes.push(['doctorSwarmNodesDownFix', {}]);
  }
  if (nodes.length > 1) {
    warnings.push(['doctorSwarmMultiNode', { count: nodes.length }]);
    fixes.push(['doctorSwarmMultiNodeFix', {}]);
  }
  if (f.ipvs === false && f.needIpvs.length) {
    warnings.push(['doctorSwarmNoIpvs', { services: f.needIpvs }]);
    fixes.push(['doctorSwarmNoIpvsFix', {}]);
  }
  if (f.preferOffline === false) {
    warnings.push(['doctorSwarmPulls', {}]);
    fixes.push(['doctorSwarmPullsFix', {}]);
  }
  const ok: Msg = ['doctorSwarmOk', { nodes: nodes.length || '?', managers: nodes.filter((n) => n.role === 'manager').length || '?', program: f.cliProgram }];
  if (warnings.length === 0) return { status: 'ok', summary: ok, fix: null, details };
  const say = (list: Msg[]): string => list.map((m) => t(lang, m[0], m[1])).join('; ');
  return { status: 'warn', summary: ['doctorSwarmWarnings', { list: say(warnings) }], fix: ['doctorSwarmFixes', { list: say(fixes) }], details };
}
