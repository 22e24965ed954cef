// Reads the raw compose file(s): which services exist, which are versioned (tag from a variable),
// their dependencies and restart policy. Compose itself stays the authority for everything else.
import { readFileSync } from 'node:fs';
import type { ParseCache } from '../../adapters/fs/parse-cache';
import { parseImageTemplate } from '../../domain/interpolate';

export interface ComposeService {
  name: string;
  image: string | null;
  dependsOn: string[];
  /** dependencies that must be healthy or completed first (long form with a condition other than service_started) */
  waitsFor: string[];
  restart: string | null;
  ports: string[];
  hasHealthcheck: boolean;
  containerName: string | null;
  /** `environment:` as written, merged across files (a later file's key wins); values may hold `${VAR}` */
  environment: Map<string, string | null>;
  /** what `docker stack deploy` reads of the service (its `deploy:` section and host-mode ports) */
  swarm: SwarmFacts;
}

/** The parts of a service's definition that matter to a Swarm release (engine: swarm). */
export interface SwarmFacts {
  /** published ports in `mode: host` ("8001"): a second task on the same node cannot bind them */
  hostPorts: string[];
  /** deploy.update_config.order as written (start-first | stop-first), null when not set */
  updateOrder: string | null;
  /** deploy.mode (replicated, global, …), null when not set */
  mode: string | null;
  /** deploy.endpoint_mode (vip, dnsrr), null when not set (Swarm's default: vip) */
  endpointMode: string | null;
}

export interface ComposeModel {
  files: string[];
  name: string | null; // top-level `name:` (compose v2)
  services: Map<string, ComposeService>;
}

type Raw = Record<string, unknown>;

function asRecord(v: unknown): Raw {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
}

function dependsOnList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return Object.keys(asRecord(v));
}

function waitsForList(v: unknown): string[] {
  if (Array.isArray(v)) return [];
  return Object.entries(asRecord(v))
    .filter(([, d]) => {
      const c = asRecord(d).condition;
      return c === 'service_healthy' || c === 'service_completed_successfully';
    })
    .map(([name]) => name);
}

function portList(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.map((p) => {
    if (p && typeof p === 'object') {
      const o = p as Raw;
      return `${o.host_ip ? `${String(o.host_ip)}:` : ''}${o.published ?? ''}:${o.target ?? ''}`;
    }
    return String(p);
  });
}

function swarmFacts(s: Raw, prev: SwarmFacts | undefined): SwarmFacts {
  const deploy = asRecord(s.deploy);
  const hostPorts = Array.isArray(s.ports)
    ? s.ports.filter((p) => p && typeof p === 'object' && (p as Raw).mode === 'host' && (p as Raw).published !== undefined).map((p) => String((p as Raw).published))
    : null;
  const order = asRecord(deploy.update_config).order;
  return {
    hostPorts: hostPorts ? [...(prev?.hostPorts ?? []), ...hostPorts] : (prev?.hostPorts ?? []),
    updateOrder: typeof order === 'string' ? order : (prev?.updateOrder ?? null),
    mode: typeof deploy.mode === 'string' ? deploy.mode : (prev?.mode ?? null),
    endpointMode: typeof deploy.endpoint_mode === 'string' ? deploy.endpoint_mode : (prev?.endpointMode ?? null),
  };
}

/** Merges the files in order, later files overriding earlier ones per service key (as compose does for scalars). */
export function readComposeFiles(files: string[], cache: ParseCache | null = null): ComposeModel {
  const services = new Map<string, ComposeService>();
  let name: string | null = null;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    let parsed = cache?.get<unknown>('compose', text);
    if (parsed === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      parsed = (require('yaml') as typeof import('yaml')).parse(text, { maxAliasCount: 100 }) ?? null;
      cache?.set('compose', text, parsed);
    }
    const doc = asRecord(parsed);
    if (typeof doc.name === 'string') name = doc.name;
    for (const [svcName, rawSvc] of Object.entries(asRecord(doc.services))) {
      const s = asRecord(rawSvc);
      const prev = services.get(svcName);
      services.set(svcName, {
        name: svcName,
        image: typeof s.image === 'string' ? s.image : (prev?.image ?? null),
        dependsOn: 'depends_on' in s ? dependsOnList(s.depends_on) : (prev?.dependsOn ?? []),
        waitsFor: 'depends_on' in s ? waitsForList(s.depends_on) : (prev?.waitsFor ?? []),
        restart: s.restart !== undefined ? (s.restart === false ? 'no' : String(s.restart)) : (prev?.restart ?? null),
        ports: 'ports' in s ? [...(prev?.ports ?? []), ...portList(s.ports)] : (prev?.ports ?? []),
        hasHealthcheck: 'healthcheck' in s ? !asRecord(s.healthcheck).disable : (prev?.hasHealthcheck ?? false),
        containerName: typeof s.container_name === 'string' ? s.container_name : (prev?.containerName ?? null),
        environment: environmentOf(s.environment, prev?.environment),
        swarm: swarmFacts(s, prev?.swarm),
      });
    }
  }
  return { files, name, services };
}

/** A service's `environment:` (map form, or list form `KEY=VALUE` / `KEY`) over what earlier files gave. */
function environmentOf(raw: unknown, prev: Map<string, string | null> | undefined): Map<string, string | null> {
  const out = new Map(prev ?? []);
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const text = String(item);
      const i = text.indexOf('=');
      out.set(i < 0 ? text : text.slice(0, i), i < 0 ? null : text.slice(i + 1));
    }
  } else if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out.set(k, v === null || v === undefined ? null : String(v));
  }
  return out;
}

export function versionedOf(svc: ComposeService): { repository: string; tagVariable: string } | null {
  return svc.image ? parseImageTemplate(svc.image) : null;
}

/** First published loopback/any-host port of a service: "127.0.0.1:8000:8000" → {host, port}. */
export function publishedPort(svc: ComposeService): { host: string; port: number } | null {
  for (const p of svc.ports) {
    const spec = p.split('/')[0];
    const parts = spec.split(':');
    if (parts.length < 2) continue;
    const published = parts[parts.length - 2];
    const host = parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : '127.0.0.1';
    const port = Number(published);
    if (Number.isInteger(port) && port > 0) return { host: host === '0.0.0.0' || host === '' ? '127.0.0.1' : host, port };
  }
  return null;
}
