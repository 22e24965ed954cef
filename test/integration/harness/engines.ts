// What each engine really runs, read with the docker CLI (never through reprise): the compose engine's
// containers, or a Swarm stack's service specs and tasks. One interface, so a scenario table runs against both.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupProject } from './cleanup';
import { containerOf, docker, infraIds, stackProblem, versionedImages } from './observe';
import { DEMO_SWARM_OVERLAY, INFRA, LONG_RUNNING, VERSIONED } from './paths';
import type { Project } from './project';
import { sleep } from './wait';

export type EngineName = 'compose' | 'swarm';

export interface EngineReality {
  name: EngineName;
  /** what is wrong with "every long-running versioned service runs `version`, healthy; its migrations exited 0" (null: nothing) */
  problem(p: Project, version: string): string | null;
  /** id of what runs each infrastructure service (container, or Swarm task): unchanged ids = not recreated */
  infraIds(p: Project): Record<string, string | undefined>;
  /** service → image of what runs it (Swarm: its spec, which must match its running task) */
  images(p: Project): Record<string, string | undefined>;
  /** the last run of the migrations (one-shot): container id and start time, or Swarm task id */
  lastMigrationsRun(p: Project): string | null;
  /** the environment a service runs with (compose: its container's; Swarm: its spec's) */
  env(p: Project, service: string): string[];
  cleanup(p: Project): void;
}

// ---------------------------------------------------------------------------------------------
// compose
// ---------------------------------------------------------------------------------------------

export const composeReality: EngineReality = {
  name: 'compose',
  problem: (p, version) => stackProblem(p, version),
  infraIds: (p) => infraIds(p),
  images: (p) => versionedImages(p),
  lastMigrationsRun: (p) => {
    const c = containerOf(p, 'api-migrations');
    if (!c) return null;
    return `${c.id}@${docker(['inspect', '--format', '{{.State.StartedAt}}', c.id]).stdout.trim()}`;
  },
  env: (p, service) => containerOf(p, service)?.env ?? [],
  cleanup: (p) => cleanupProject(p),
};

// ---------------------------------------------------------------------------------------------
// swarm
// ---------------------------------------------------------------------------------------------

interface TaskDoc {
  ID: string;
  CreatedAt: string;
  DesiredState: string;
  Spec: { ContainerSpec: { Image: string } };
  Status: { State: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } };
}

function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Every task of a Swarm service (`<stack>_<service>`), newest first. */
export function serviceTasks(stack: string, service: string): TaskDoc[] {
  const ids = lines(docker(['service', 'ps', '-q', '--no-trunc', `${stack}_${service}`]).stdout);
  if (ids.length === 0) return [];
  const r = docker(['inspect', '--type', 'task', ...ids]);
  if (r.status !== 0) return serviceTasks(stack, service); // a task went away between the two calls
  return (JSON.parse(r.stdout) as TaskDoc[]).sort((a, b) => b.CreatedAt.localeCompare(a.CreatedAt));
}

/** The image the service's spec declares, without digest; undefined when the service does not exist. */
export function specImage(stack: string, service: string): string | undefined {
  const r = docker(['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', `${stack}_${service}`]);
  return r.status === 0 ? r.stdout.trim().split('@')[0] : undefined;
}

interface StackSnapshot {
  /** service → spec image (digest removed) */
  specs: Map<string, string>;
  /** service → its tasks, newest first */
  tasks: Map<string, TaskDoc[]>;
  /** container id → Docker health */
  health: Map<string, string | null>;
}

/** The whole stack in four docker calls: service specs, tasks, and the health of the running tasks' containers. */
function stackSnapshot(stack: string): StackSnapshot {
  const filter = `label=com.docker.stack.namespace=${stack}`;
  const serviceIds = lines(docker(['service', 'ls', '-q', '--filter', filter]).stdout);
  const services = serviceIds.length
    ? (JSON.parse(docker(['service', 'inspect', ...serviceIds]).stdout || '[]') as Array<{ ID: string; Spec: { Name: string; TaskTemplate: { ContainerSpec: { Image: string } } } }>)
    : [];
  const nameOf = new Map(services.map((x) => [x.ID, x.Spec.Name.slice(stack.length + 1)]));
  const specs = new Map(services.map((x) => [x.Spec.Name.slice(stack.length + 1), x.Spec.TaskTemplate.ContainerSpec.Image.split('@')[0]]));
  const taskIds = lines(docker(['stack', 'ps', '-q', '--no-trunc', stack]).stdout);
  const r = taskIds.length ? docker(['inspect', '--type', 'task', ...taskIds]) : null;
  if (r && r.status !== 0) return stackSnapshot(stack); // a task went away between the two calls
  const all = r ? (JSON.parse(r.stdout) as Array<TaskDoc & { ServiceID: string }>) : [];
  const tasks = new Map<string, TaskDoc[]>();
  for (const t of all.sort((a, b) => b.CreatedAt.localeCompare(a.CreatedAt))) {
    const name = nameOf.get(t.ServiceID);
    if (name) tasks.set(name, [...(tasks.get(name) ?? []), t]);
  }
  const cids = all.filter((t) => t.DesiredState === 'running' && t.Status.State === 'running').map((t) => t.Status.ContainerStatus?.ContainerID).filter((c): c is string => Boolean(c));
  const health = new Map<string, string | null>();
  if (cids.length) {
    for (const line of lines(docker(['inspect', '--format', '{{.Id}} {{if .State.Health}}{{.State.Health.Status}}{{end}}', ...cids]).stdout)) {
      const [id, status] = line.split(' ');
      health.set(id, status || null);
    }
  }
  return { specs, tasks, health };
}

export function swarmProblem(p: Project, version: string): string | null {
  const snap = stackSnapshot(p.name);
  const problems: string[] = [];
  for (const s of LONG_RUNNING) {
    const want = `recyclic-${s}:${version}`;
    const spec = snap.specs.get(s);
    if (spec !== want) problems.push(`${s}: spec ${spec}`);
    const running = (snap.tasks.get(s) ?? []).filter((t) => t.DesiredState === 'running' && t.Status.State === 'running');
    if (running.length !== 1) problems.push(`${s}: ${running.length} running tasks`);
    for (const t of running) {
      if (t.Spec.ContainerSpec.Image.split('@')[0] !== want) problems.push(`${s}: task runs ${t.Spec.ContainerSpec.Image}`);
      const health = snap.health.get(t.Status.ContainerStatus?.ContainerID ?? '') ?? null;
      if (health !== 'healthy') problems.push(`${s}: health=${health}`);
    }
  }
  const mig = snap.tasks.get('api-migrations')?.[0];
  const want = `recyclic-api-migrations:${version}`;
  if (snap.specs.get('api-migrations') !== want) problems.push(`api-migrations: spec ${snap.specs.get('api-migrations')}`);
  if (!mig) problems.push('api-migrations: no task');
  else if (mig.Spec.ContainerSpec.Image.split('@')[0] !== want || mig.Status.State !== 'complete' || (mig.Status.ContainerStatus?.ExitCode ?? 0) !== 0) {
    problems.push(`api-migrations: newest task ${mig.Spec.ContainerSpec.Image} ${mig.Status.State} exit ${mig.Status.ContainerStatus?.ExitCode}`);
  }
  return problems.length ? problems.join('; ') : null;
}

export function removeStack(stack: string): void {
  docker(['stack', 'rm', stack]);
  const filter = `label=com.docker.stack.namespace=${stack}`;
  const deadline = Date.now() + 90_000;
  // the stack's containers and network go away asynchronously
  while (Date.now() < deadline) {
    const left = lines(docker(['ps', '-aq', '--filter', filter]).stdout).length + lines(docker(['network', 'ls', '-q', '--filter', filter]).stdout).length;
    if (left === 0) break;
    spawnSleep(500);
  }
  const vols = lines(docker(['volume', 'ls', '-q', '--filter', filter]).stdout);
  if (vols.length) docker(['volume', 'rm', '-f', ...vols]);
}

function spawnSleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export const swarmReality: EngineReality = {
  name: 'swarm',
  problem: swarmProblem,
  infraIds: (p) => {
    const snap = stackSnapshot(p.name);
    const out: Record<string, string | undefined> = {};
    for (const s of INFRA) out[s] = (snap.tasks.get(s) ?? []).filter((t) => t.DesiredState === 'running' && t.Status.State === 'running').map((t) => t.ID).join(',') || undefined;
    return out;
  },
  images: (p) => {
    const snap = stackSnapshot(p.name);
    const out: Record<string, string | undefined> = {};
    for (const s of VERSIONED) out[s] = snap.specs.get(s);
    return out;
  },
  lastMigrationsRun: (p) => serviceTasks(p.name, 'api-migrations')[0]?.ID ?? null,
  env: (p, service) => {
    const r = docker(['service', 'inspect', '--format', '{{json .Spec.TaskTemplate.ContainerSpec.Env}}', `${p.name}_${service}`]);
    return r.status === 0 ? ((JSON.parse(r.stdout) as string[] | null) ?? []) : [];
  },
  cleanup: (p) => {
    removeStack(p.name);
    cleanupProject(p);
  },
};

/** Adds the demo's swarm overlay to a test project; its reprise.yml then needs `engine: swarm` and both files. */
export function addSwarmOverlay(p: Project): void {
  copyFileSync(DEMO_SWARM_OVERLAY, join(p.dir, 'docker-compose.swarm.yml'));
}

/** The swarm state of this engine: active, inactive, … */
export function swarmState(): string {
  return docker(['info', '--format', '{{.Swarm.LocalNodeState}}']).stdout.trim();
}

/**
 * A single-node swarm for the tests (`docker swarm init --advertise-addr 127.0.0.1`); returns whether this
 * call created it (then `leaveSwarm` leaves it again), or an error text when it cannot.
 */
export function ensureSwarm(): { created: boolean; error: string | null } {
  const state = swarmState();
  if (state === 'active') return { created: false, error: null };
  const r = docker(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
  if (r.status !== 0) return { created: false, error: `docker swarm init failed: ${r.stderr.trim()}` };
  return { created: true, error: null };
}

/** Leaves the swarm and removes the bridge `docker swarm init` created (docker_gwbridge), as it was before. */
export async function leaveSwarm(): Promise<void> {
  docker(['swarm', 'leave', '--force']);
  for (let i = 0; i < 40 && swarmState() !== 'inactive'; i++) await sleep(250);
  docker(['network', 'rm', 'docker_gwbridge']);
}
