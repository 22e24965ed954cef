// init: writes reprise.yml for the compose project found in the directory.
import { existsSync } from 'node:fs';
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
}

export function init(project: Project, env: NodeJS.ProcessEnv, force: boolean): InitResult {
  if (existsSync(project.configFile) && !force) {
    throw new RepriseError('USAGE', 'initExists', { file: project.configFile }, { file: project.configFile });
  }
  const lookup = (k: string): string | undefined => env[k] ?? project.envVars.get(k);
  const services: InitResult['services'] = [];
  const cfgServices: Record<string, unknown> = {};
  for (const v of project.versioned) {
    const svc = project.compose.services.get(v.name)!;
    const port = v.oneShot ? null : publishedPort({ ...svc, ports: svc.ports.map((p) => interpolate(p, lookup)) });
    const url = port ? `http://${port.host.includes(':') ? `[${port.host}]` : port.host}:${port.port}/health` : null;
    services.push({ name: v.name, repository: v.repository, tagVariable: v.tagVariable, healthUrl: url, oneShot: v.oneShot });
    cfgServices[v.name] = url ? { health: { url } } : {};
  }
  const doc = {
    project: project.name,
    compose_files: project.composeFiles.map((f) => f.slice(project.dir.length + 1) || f),
    ...(project.envFile ? { env_file: project.envFile.slice(project.dir.length + 1) } : {}),
    services: cfgServices,
    health: { timeout: '120s', interval: '1s', readiness_delay: '5s' },
    keep_versions: 5,
  };
  const header = '# reprise configuration — written by `reprise init`; every key is optional (see the README).\n';
  writeFileAtomic(project.configFile, header + stringify(doc), 0o644);
  return { ok: true, file: project.configFile, project: project.name, services, infrastructure: project.infrastructure };
}
