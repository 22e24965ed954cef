// init: writes reprise.yml for the compose project found in the directory.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { stringify } from 'yaml';
import { RepriseError } from '../domain/errors';
import { interpolate } from '../domain/interpolate';
import type { Project } from '../config/project';
import { publishedPort } from '../engines/compose/compose-file';
import { writeFileAtomic } from '../adapters/fs/atomic';

export interface InitResult {
  ok: true;
  file: string;
  project: string;
  services: Array<{ name: string; repository: string; tagVariable: string; healthUrl: string | null; oneShot: boolean }>;
  infrastructure: string[];
  /** the reverse proxy found in front of versioned services (a guess; written as `proxy:`) */
  proxy: { service: string; upstreams: Record<string, number> } | null;
}

export function init(project: Project, env: NodeJS.ProcessEnv, force: boolean): InitResult {
  if (existsSync(project.configFile) && !force) {
    throw new RepriseError('USAGE', 'initExists', { file: project.configFile }, { file: project.configFile });
  }
  const lookup = (k: string): string | undefined => env[k] ?? project.envVars.get(k);
  const rel = (f: string): string => relative(project.dir, f) || f;
  const services: InitResult['services'] = [];
  const cfgServices: Record<string, unknown> = {};
  const proxy = guessProxy(project, lookup);
  for (const v of project.versioned) {
    const svc = project.compose.services.get(v.name)!;
    const own = v.oneShot ? null : publishedPort({ ...svc, ports: svc.ports.map((p) => interpolate(p, lookup)) });
    const port = own ?? proxy?.published.get(v.name) ?? null;
    const url = port ? `http://${port.host.includes(':') ? `[${port.host}]` : port.host}:${port.port}/health` : null;
    services.push({ name: v.name, repository: v.repository, tagVariable: v.tagVariable, healthUrl: url, oneShot: v.oneShot });
    cfgServices[v.name] = url ? { health: { url } } : {};
  }
  const doc = {
    project: project.name,
    compose_files: project.composeFiles.map((f) => f.slice(project.dir.length + 1) || f),
    ...(project.envFiles.length ? { env_file: project.envFiles.length === 1 ? rel(project.envFiles[0]) : project.envFiles.map(rel) } : {}),
    services: cfgServices,
    health: { timeout: '120s', interval: '1s', readiness_delay: '5s' },
    ...(proxy && proxy.upstreams.size ? { proxy: { service: proxy.service, upstreams: Object.fromEntries(proxy.upstreams) } } : {}),
    keep_versions: 5,
  };
  let header = '# reprise configuration — written by `reprise init`; every key is optional (see the README).\n';
  if (proxy && proxy.upstreams.size) {
    header += `# proxy: guessed — "${proxy.service}" publishes the ports of ${[...proxy.upstreams.keys()].join(', ')}; those are released start-first\n# behind it (check the container ports under proxy.upstreams; remove the section to recreate them instead).\n`;
  }
  writeFileAtomic(project.configFile, header + stringify(doc), 0o644);
  return { ok: true, file: project.configFile, project: project.name, services, infrastructure: project.infrastructure, proxy: proxy && proxy.upstreams.size ? { service: proxy.service, upstreams: Object.fromEntries(proxy.upstreams) } : null };
}

/**
 * A reverse proxy in front of versioned services: an infrastructure service that depends on long-running
 * versioned ones and publishes ports. Each published port goes to the dependency named in its variable
 * (`${API_PORT:-8000}:8000` → api), else to the dependencies in order. A guess: init says so in the file.
 */
function guessProxy(project: Project, lookup: (k: string) => string | undefined): { service: string; upstreams: Map<string, number>; published: Map<string, { host: string; port: number }> } | null {
  const longRunning = new Set(project.versioned.filter((v) => !v.oneShot).map((v) => v.name));
  for (const name of project.infrastructure) {
    const svc = project.compose.services.get(name);
    if (!svc || svc.ports.length === 0) continue;
    const deps = svc.dependsOn.filter((d) => longRunning.has(d));
    if (deps.length === 0) continue;
    const upstreams = new Map<string, number>();
    const published = new Map<string, { host: string; port: number }>();
    svc.ports.forEach((spec, i) => {
      const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(spec)?.[1]?.toLowerCase() ?? '';
      const target = deps.find((d) => variable && variable.startsWith(d.toLowerCase().replace(/[^a-z0-9]/g, ''))) ?? (svc.ports.length === deps.length ? deps[i] : undefined);
      const host = publishedPort({ ...svc, ports: [interpolate(spec, lookup)] });
      const containerPort = Number(interpolate(spec, lookup).split('/')[0].split(':').pop());
      if (!target || !host || !Number.isInteger(containerPort) || upstreams.has(target)) return;
      upstreams.set(target, containerPort);
      published.set(target, host);
    });
    if (upstreams.size) return { service: name, upstreams, published };
  }
  return null;
}
