// Reality, as the Docker CLI sees it (never through reprise): a project's containers, what they run, whether
// they are healthy, and the snapshots that prove "nothing changed".
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { healthcheckCommand } from '../../../src/domain/healthcheck';
import { INFRA, LONG_RUNNING, VERSIONED } from './paths';
import type { Project } from './project';

export interface ContainerInfo {
  id: string;
  name: string;
  service: string;
  image: string;
  state: string;
  health: string | null;
  exitCode: number;
  env: string[];
  created: string;
  /** what Docker runs as the container's healthcheck (null: none) */
  healthcheck: string[] | null;
}

export function docker(args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync('docker', args, { encoding: 'utf8', input, timeout: 120_000, maxBuffer: 32 * 1024 * 1024 });
}

/** Every container of the compose project (running or not), from `docker ps -a` + `docker inspect`. */
export function containers(p: Project | string): ContainerInfo[] {
  const name = typeof p === 'string' ? p : p.name;
  const ids = docker(['ps', '-aq', '--no-trunc', '--filter', `label=com.docker.compose.project=${name}`]).stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const r = docker(['inspect', ...ids]);
  if (r.status !== 0) {
    // a container disappeared between ps and inspect: try once more
    return containers(name);
  }
  const raw = JSON.parse(r.stdout) as Array<{
    Id: string;
    Name: string;
    Created: string;
    Config: { Image: string; Env: string[] | null; Labels: Record<string, string>; Healthcheck?: { Test?: string[] | null } | null; Shell?: string[] | null };
    State: { Status: string; ExitCode: number; Health?: { Status: string } };
  }>;
  return raw.map((c) => ({
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    service: c.Config.Labels['com.docker.compose.service'] ?? '',
    image: c.Config.Image,
    state: c.State.Status,
    health: c.State.Health?.Status ?? null,
    exitCode: c.State.ExitCode,
    env: c.Config.Env ?? [],
    created: c.Created,
    healthcheck: healthcheckCommand(c.Config.Healthcheck?.Test ?? null, c.Config.Shell ?? null),
  }));
}

/**
 * Healthy as reprise judges it: Docker says healthy, or Docker still says `starting` (its own healthcheck has
 * not run yet: the release gate ran it itself, README "How a release runs") and the healthcheck passes when
 * run now.
 */
export function healthyNow(c: ContainerInfo): boolean {
  if (c.health === 'healthy') return true;
  if (c.health !== 'starting' || c.state !== 'running' || !c.healthcheck) return false;
  return spawnSync('docker', ['exec', c.id, ...c.healthcheck], { encoding: 'utf8', timeout: 10_000 }).status === 0;
}

/** The newest container of a service (running ones first). */
export function containerOf(p: Project, service: string, list = containers(p)): ContainerInfo | undefined {
  const mine = list.filter((c) => c.service === service).sort((a, b) => b.created.localeCompare(a.created));
  return mine.find((c) => c.state === 'running') ?? mine[0];
}

/** service → image of its newest container, for the versioned services. */
export function versionedImages(p: Project): Record<string, string | undefined> {
  const list = containers(p);
  const out: Record<string, string | undefined> = {};
  for (const s of VERSIONED) out[s] = containerOf(p, s, list)?.image;
  return out;
}

export function expectedImages(version: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of VERSIONED) out[s] = `recyclic-${s}:${version}`;
  return out;
}

/** id of the (single) running container of each infrastructure service. */
export function infraIds(p: Project): Record<string, string | undefined> {
  const list = containers(p);
  const out: Record<string, string | undefined> = {};
  for (const s of INFRA) out[s] = list.filter((c) => c.service === s && c.state === 'running').map((c) => c.id).join(',') || undefined;
  return out;
}

/** A snapshot of every container: id, image, state. Used to prove "nothing changed". */
export function snapshot(p: Project): string[] {
  return containers(p)
    .map((c) => `${c.service} ${c.id.slice(0, 12)} ${c.image} ${c.state}`)
    .sort();
}

/**
 * What is wrong with "every long-running versioned service runs `version` and is healthy, and the one-shot
 * migrations container of that version exited 0" (null: nothing).
 */
export function stackProblem(p: Project, version: string): string | null {
  const list = containers(p);
  const problems: string[] = [];
  for (const s of LONG_RUNNING) {
    const running = list.filter((c) => c.service === s && c.state === 'running');
    if (running.length !== 1) problems.push(`${s}: ${running.length} running containers`);
    for (const c of running) {
      if (c.image !== `recyclic-${s}:${version}`) problems.push(`${s} runs ${c.image}`);
      if (!healthyNow(c)) problems.push(`${s} health=${c.health}`);
    }
  }
  const mig = containerOf(p, 'api-migrations', list);
  if (!mig) problems.push('api-migrations: no container');
  else {
    if (mig.image !== `recyclic-api-migrations:${version}`) problems.push(`api-migrations runs ${mig.image}`);
    if (mig.state !== 'exited' || mig.exitCode !== 0) problems.push(`api-migrations state=${mig.state} exit=${mig.exitCode}`);
  }
  return problems.length ? problems.join('; ') : null;
}
