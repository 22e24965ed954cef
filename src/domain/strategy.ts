// Pure choice of how each versioned service is replaced during a release:
//   start-first  the new version's container starts beside the old one behind the stack's reverse proxy,
//                the proxy is switched once it is healthy, the old one drains and is removed (no outage);
//   recreate     compose stops the old container and starts the new one (a short outage).
// start-first is chosen automatically wherever it is possible; where it is not, the reason is kept so
// `deploy --dry-run`, `rollback --dry-run` and `doctor` can say why.
import { interpolate } from './interpolate';
import type { VersionedService } from './types';

export type Strategy = 'start-first' | 'recreate';

/** Why a service is replaced with recreate. */
export type RecreateReason =
  | 'configured' // strategy: recreate in reprise.yml
  | 'one_shot' // a one-shot (migrations) runs to completion, there is nothing to switch
  | 'container_name' // a fixed container_name: a second container cannot exist
  | 'published_ports' // a fixed host port: a second container cannot bind it
  | 'no_proxy' // reprise.yml declares no proxy
  | 'not_behind_proxy'; // the proxy does not forward to this service (proxy.upstreams)

export interface ServiceStrategy {
  service: string;
  strategy: Strategy;
  /** start-first behind the stack's own proxy (pinned) or a router outside the project (twin); null: recreate */
  via?: 'proxy' | 'router' | null;
  /** what reprise.yml asked for (null: automatic) */
  requested: Strategy | null;
  reason: RecreateReason | null;
  /** e.g. the fixed host ports or the container name behind the reason */
  detail: string | null;
  /** container port the proxy forwards to (start-first only) */
  port: number | null;
}

export interface ProxySettings {
  /** compose service running the proxy */
  service: string;
  kind: 'nginx';
  /** versioned service → container port the proxy forwards to */
  upstreams: Map<string, number>;
  /** directory inside the proxy container holding one <service>.conf per upstream */
  pinDir: string;
  drainTimeoutMs: number;
}

/** A router outside the project that finds the containers by itself (reprise.yml `router:`). */
export interface RouterSettings {
  /** dns: by the service's name on a network (nginx/HAProxy/Caddy re-resolving); labels: by Docker labels, healthy only (Traefik) */
  kind: 'dns' | 'labels';
  services: Set<string>;
  /** how long the router takes to see a change */
  settleMs: number;
}

/**
 * The fixed host binding of a compose port spec ("127.0.0.1:8000:8000" → "127.0.0.1:8000"), or null
 * when Docker picks the host port ("8000", "127.0.0.1::8000") or a range leaves room for a second one.
 * `${VAR:-default}` is resolved with `lookup` first.
 */
export function fixedHostPort(spec: string, lookup: (name: string) => string | undefined): string | null {
  const s = interpolate(spec, lookup).trim().split('/')[0];
  let host = '';
  let rest = s;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return null;
    host = s.slice(0, end + 1);
    rest = s.slice(end + 2);
  }
  const parts = rest.split(':');
  let published: string;
  if (host) {
    if (parts.length < 2) return null;
    published = parts[0];
  } else if (parts.length >= 3) {
    host = parts.slice(0, parts.length - 2).join(':');
    published = parts[parts.length - 2];
  } else if (parts.length === 2) {
    published = parts[0];
  } else {
    return null; // container port only
  }
  if (!published) return null;
  const range = /^(\d+)-(\d+)$/.exec(published);
  if (range && Number(range[2]) > Number(range[1])) return null;
  return host ? `${host}:${published}` : published;
}

export interface ComposeFacts {
  containerName: string | null;
  /** raw compose port specs */
  ports: string[];
}

/** Strategy of one versioned service; a requested start-first that is impossible falls back with its reason. */
export function chooseStrategy(
  svc: VersionedService,
  facts: ComposeFacts,
  requested: Strategy | null,
  proxy: ProxySettings | null,
  lookup: (name: string) => string | undefined,
  router: RouterSettings | null = null,
): ServiceStrategy {
  const base = { service: svc.name, requested, port: null };
  const recreate = (reason: RecreateReason, detail: string | null = null): ServiceStrategy => ({ ...base, strategy: 'recreate', via: null, reason, detail });
  if (requested === 'recreate') return recreate('configured');
  if (svc.oneShot) return recreate('one_shot');
  const fixedPorts = facts.ports.map((p) => fixedHostPort(p, lookup)).filter((p): p is string => p !== null);
  // a router outside the project: the new container runs beside the old one under a temporary name and
  // takes the name afterwards, so a fixed container_name is no obstacle (a fixed host port still is)
  if (router?.services.has(svc.name) && !fixedPorts.length) return { ...base, strategy: 'start-first', via: 'router', reason: null, detail: null };
  if (facts.containerName) return recreate('container_name', interpolate(facts.containerName, lookup));
  const fixed = facts.ports.map((p) => fixedHostPort(p, lookup)).filter((p): p is string => p !== null);
  if (fixed.length) return recreate('published_ports', fixed.join(', '));
  if (!proxy) return recreate('no_proxy');
  const port = proxy.upstreams.get(svc.name);
  if (port === undefined) return recreate('not_behind_proxy', proxy.service);
  return { ...base, strategy: 'start-first', via: 'proxy', reason: null, detail: null, port };
}

/** The pin file the proxy includes for a service: where its requests go. */
export function nginxPin(address: string): string {
  return `set $reprise_upstream ${address};\n`;
}

/** What a Swarm release needs to know about a service (engine: swarm). */
export interface SwarmStrategyFacts {
  /** published ports in `mode: host`: two tasks of the service cannot bind them on one node */
  hostPorts: string[];
  /** deploy.update_config.order written in the compose file, null when not set */
  updateOrder: string | null;
}

/**
 * Strategy of one versioned service on Swarm: `start-first` is Swarm's own `update_config.order:
 * start-first` (the new task starts, joins the service's DNS and load balancing once its healthcheck passes,
 * then the old one stops); `recreate` is `order: stop-first`. No proxy is needed: Swarm switches the traffic.
 * The routing mesh (ingress) lets two tasks share a published port; a host-mode port does not.
 */
export function chooseSwarmStrategy(svc: VersionedService, facts: SwarmStrategyFacts, requested: Strategy | null, lookup: (name: string) => string | undefined): ServiceStrategy {
  const base = { service: svc.name, requested, port: null };
  const recreate = (reason: RecreateReason, detail: string | null = null): ServiceStrategy => ({ ...base, strategy: 'recreate', reason, detail });
  if (requested === 'recreate') return recreate('configured');
  if (svc.oneShot) return recreate('one_shot');
  if (facts.updateOrder === 'stop-first') return recreate('configured', 'deploy.update_config.order: stop-first');
  if (facts.hostPorts.length) return recreate('published_ports', facts.hostPorts.map((p) => `${interpolate(p, lookup)} (mode: host)`).join(', '));
  return { ...base, strategy: 'start-first', reason: null, detail: null };
}
