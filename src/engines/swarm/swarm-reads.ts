// Reads of a stack from the Docker Engine API (services, tasks, the tasks' local containers), shaped for the
// engine interface: a task stands for a container (its id, image, state, health, restarts). The mapping
// and the verdict on a rollout are pure functions of those documents.
import { DockerApiError, type DockerApi } from '../../adapters/docker/api';
import { containerStats, type ResourceUsage } from '../../adapters/docker/stats';
import { healthFromStatus } from '../compose/docker-reads';
import type { DeclaredService, HealthStatus, RolloutState, ServiceContainer } from '../engine';

export interface SwarmServiceDoc {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: {
    Name: string;
    Labels?: Record<string, string>;
    Mode?: { Replicated?: { Replicas?: number }; Global?: Record<string, never> };
    TaskTemplate: { ContainerSpec?: { Image?: string; Labels?: Record<string, string> } };
  };
  PreviousSpec?: { TaskTemplate?: { ContainerSpec?: { Image?: string } } };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string };
}

export interface SwarmTaskDoc {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  CreatedAt: string;
  UpdatedAt?: string;
  Spec: { ContainerSpec?: { Image?: string; Env?: string[]; Labels?: Record<string, string> } };
  Status: { Timestamp?: string; State: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } };
  DesiredState: string;
}

/** What a task's container on this node says (only containers of this engine's node are visible). */
export interface LocalContainer {
  id: string;
  taskId: string;
  imageId: string;
  state: string;
  health: HealthStatus;
}

export const STACK_LABEL = 'com.docker.stack.namespace';
/** container label reprise gives each run of a one-shot, so that Swarm starts a new task even for the same image */
export const RUN_LABEL = 'io.reprise.run';

/** "recyclic-api:abc@sha256:…" → "recyclic-api:abc" */
export function stripDigest(image: string): string {
  const at = image.indexOf('@');
  return at < 0 ? image : image.slice(0, at);
}

/** "recyclic_api" → "api" for the stack "recyclic"; null for a service of another stack. */
export function composeName(specName: string, stack: string): string | null {
  return specName.startsWith(`${stack}_`) ? specName.slice(stack.length + 1) : null;
}

// Swarm's task states in their order (api/types/swarm/task.go)
const ORDER = ['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running', 'complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned'];
const rank = (s: string): number => {
  const i = ORDER.indexOf(s);
  return i < 0 ? ORDER.length : i;
};
const FAILED = new Set(['failed', 'rejected']);

/** Tasks Swarm still wants to run (desired state running or before). */
export function wanted(t: SwarmTaskDoc): boolean {
  return rank(t.DesiredState) <= rank('running');
}

/** Docker's timestamps drop trailing zeros of their nanoseconds: padded, they compare as text. */
function stamp(iso: string): string {
  return iso.replace(/(?:\.(\d+))?Z$/, (_m, frac: string | undefined) => `.${(frac ?? '').padEnd(9, '0')}Z`);
}

function slotKey(t: SwarmTaskDoc): string {
  return `${t.ServiceID}/${t.Slot ?? t.NodeID ?? ''}`;
}

function containerState(t: SwarmTaskDoc): { state: string; exitCode: number | null } {
  const exit = t.Status.ContainerStatus?.ExitCode;
  const hasContainer = Boolean(t.Status.ContainerStatus?.ContainerID);
  switch (t.Status.State) {
    case 'starting':
    case 'running':
      return { state: 'running', exitCode: null };
    case 'complete':
      return { state: 'exited', exitCode: exit ?? 0 };
    case 'shutdown':
      // shut down before it ever had a container (replaced while pending): it never ran
      return hasContainer ? { state: 'exited', exitCode: exit ?? 0 } : { state: 'dead', exitCode: null };
    case 'failed':
      return hasContainer ? { state: 'exited', exitCode: exit ?? 1 } : { state: 'dead', exitCode: exit ?? null };
    case 'rejected':
    case 'remove':
    case 'orphaned':
      return { state: 'dead', exitCode: exit ?? null };
    default:
      return { state: 'created', exitCode: null };
  }
}

const FINISHED = new Set(['complete', 'shutdown', 'failed']);

/**
 * The tasks of a stack as containers: every task Swarm still wants to run, the newest task of each slot
 * whatever its state (a finished one-shot, a task that just failed), and the newest finished task of each
 * image in each slot (so the logs of a version Swarm just replaced or rolled back stay within reach of
 * incidents). `restartCount` is the number of earlier tasks of the same slot and image that failed (Swarm
 * replaces a crashed container with a new task).
 */
export function taskContainers(stack: string, services: SwarmServiceDoc[], tasks: SwarmTaskDoc[], local: LocalContainer[]): ServiceContainer[] {
  const nameOf = new Map(services.map((s) => [s.ID, composeName(s.Spec.Name, stack)]));
  const byTask = new Map(local.map((c) => [c.taskId, c]));
  const keep = new Set<SwarmTaskDoc>();
  const newest = (key: (t: SwarmTaskDoc) => string | null): void => {
    const best = new Map<string, SwarmTaskDoc>();
    for (const t of tasks) {
      const k = key(t);
      if (k === null) continue;
      const n = best.get(k);
      if (!n || stamp(t.CreatedAt) > stamp(n.CreatedAt)) best.set(k, t);
    }
    for (const t of best.values()) keep.add(t);
  };
  newest(slotKey);
  newest((t) => (FINISHED.has(t.Status.State) && t.Status.ContainerStatus?.ContainerID ? `${slotKey(t)}/${stripDigest(t.Spec.ContainerSpec?.Image ?? '')}` : null));
  const out: ServiceContainer[] = [];
  for (const t of tasks) {
    const service = nameOf.get(t.ServiceID);
    if (!service) continue;
    if (!wanted(t) && !keep.has(t)) continue;
    const image = stripDigest(t.Spec.ContainerSpec?.Image ?? '');
    const { state, exitCode } = containerState(t);
    const c = byTask.get(t.ID);
    const health: HealthStatus = c ? c.health : t.Status.State === 'starting' ? 'starting' : null;
    const restartCount = tasks.filter((o) => o !== t && slotKey(o) === slotKey(t) && stamp(o.CreatedAt) < stamp(t.CreatedAt) && FAILED.has(o.Status.State) && stripDigest(o.Spec.ContainerSpec?.Image ?? '') === image).length;
    out.push({
      service,
      id: t.ID,
      name: `${stack}_${service}.${t.Slot ?? t.NodeID ?? ''}.${t.ID}`,
      image,
      imageId: c?.imageId ?? '',
      state,
      health,
      exitCode,
      restartCount,
      startedAt: state === 'running' ? (t.Status.Timestamp ?? null) : null,
      createdAt: stamp(t.CreatedAt), // comparable as text (serviceContainer sorts by it)
    });
  }
  return out;
}

/** Service → what its spec declares (image without digest, replicas; null replicas for global mode). */
export function declaredOf(stack: string, services: SwarmServiceDoc[]): Map<string, DeclaredService> {
  const out = new Map<string, DeclaredService>();
  for (const s of services) {
    const name = composeName(s.Spec.Name, stack);
    if (!name) continue;
    const replicated = s.Spec.Mode?.Replicated;
    const reference = s.Spec.TaskTemplate.ContainerSpec?.Image ?? '';
    out.set(name, {
      service: name,
      image: stripDigest(reference),
      reference,
      run: s.Spec.TaskTemplate.ContainerSpec?.Labels?.[RUN_LABEL] ?? null,
      replicas: s.Spec.Mode?.Global ? null : (replicated?.Replicas ?? 1),
    });
  }
  return out;
}

/**
 * Where Swarm's rollout of a service towards `expected` stands. `docker stack deploy` returns as soon as the
 * specs are updated (and exits 0 even when Swarm rolls a service back afterwards): the outcome is read from
 * the service's spec, its `UpdateStatus` and its tasks.
 *  - spec on another image: Swarm rolled it back (`rollback_*`), or someone changed it → failed;
 *  - a one-shot is done as soon as its spec is right and Swarm created the task of this run (`run`: the
 *    run label of the step that started it): its task exits by design, which Swarm's updater counts as an
 *    "early termination"; the gate judges its exit code;
 *  - `paused` / `rollback_paused` → failed (Swarm stopped half-way);
 *  - `updating` / `rollback_started` → pending;
 *  - otherwise done once every task Swarm wants runs `expected` and the replicas are running.
 */
export function rolloutVerdict(service: SwarmServiceDoc | null, tasks: SwarmTaskDoc[], expected: string, oneShot: boolean, run: string | null = null): RolloutState {
  if (!service) return { state: 'failed', reason: 'the Swarm service does not exist' };
  const spec = stripDigest(service.Spec.TaskTemplate.ContainerSpec?.Image ?? '');
  const status = service.UpdateStatus?.State ?? null;
  const message = service.UpdateStatus?.Message ? `: ${service.UpdateStatus.Message}` : '';
  if (spec !== expected) {
    if (status?.startsWith('rollback')) return { state: 'failed', reason: `Swarm rolled the service back to ${spec} (${status}${message})` };
    return { state: 'failed', reason: `the service spec runs ${spec}, expected ${expected}` };
  }
  if (oneShot) {
    if (run && !tasks.some((t) => t.ServiceID === service.ID && t.Spec.ContainerSpec?.Labels?.[RUN_LABEL] === run)) return { state: 'pending', reason: 'waiting for Swarm to start this run' };
    return { state: 'done', reason: null };
  }
  if (status === 'paused') return { state: 'failed', reason: `Swarm paused the update${message}` };
  if (status === 'rollback_paused') return { state: 'failed', reason: `Swarm paused the rollback${message}` };
  if (status === 'updating' || status === 'rollback_started') return { state: 'pending', reason: `Swarm update in progress (${status})` };
  const mine = tasks.filter((t) => t.ServiceID === service.ID && wanted(t));
  const stale = mine.filter((t) => stripDigest(t.Spec.ContainerSpec?.Image ?? '') !== expected);
  if (stale.length) return { state: 'pending', reason: `${stale.length} task(s) still on ${stripDigest(stale[0].Spec.ContainerSpec?.Image ?? '')}` };
  const replicas = service.Spec.Mode?.Global ? Math.max(1, mine.length) : (service.Spec.Mode?.Replicated?.Replicas ?? 1);
  const running = mine.filter((t) => t.Status.State === 'running').length;
  if (running < replicas) return { state: 'pending', reason: `${running}/${replicas} task(s) running` };
  return { state: 'done', reason: null };
}

// --- Engine API calls ---------------------------------------------------------------------------

function labelFilter(stack: string): string {
  return encodeURIComponent(JSON.stringify({ label: [`${STACK_LABEL}=${stack}`] }));
}

/**
 * A node that is not a swarm manager answers 503: for a listing (status, doctor, the environments table),
 * no stack runs there. What a release decides from (`strict`) must not mistake a swarm without a leader for
 * an empty stack: there the 503 is an error.
 */
async function orEmpty<T>(p: Promise<T[]>, strict = false): Promise<T[]> {
  try {
    return await p;
  } catch (e) {
    if (!strict && e instanceof DockerApiError && e.status === 503) return [];
    throw e;
  }
}

export function stackServices(api: DockerApi, stack: string, strict = false): Promise<SwarmServiceDoc[]> {
  return orEmpty(api.get<SwarmServiceDoc[]>(`/services?filters=${labelFilter(stack)}`), strict).then((list) => list.filter((s) => composeName(s.Spec.Name, stack) !== null));
}

export function stackTasks(api: DockerApi, stack: string): Promise<SwarmTaskDoc[]> {
  return orEmpty(api.get<SwarmTaskDoc[]>(`/tasks?filters=${labelFilter(stack)}`));
}

export function serviceTasks(api: DockerApi, serviceId: string): Promise<SwarmTaskDoc[]> {
  return orEmpty(api.get<SwarmTaskDoc[]>(`/tasks?filters=${encodeURIComponent(JSON.stringify({ service: [serviceId] }))}`));
}

/** A service (null when it does not exist); a 503 (no swarm, no leader) is thrown: the caller decides. */
export async function inspectService(api: DockerApi, name: string): Promise<SwarmServiceDoc | null> {
  try {
    return await api.get<SwarmServiceDoc>(`/services/${encodeURIComponent(name)}`);
  } catch (e) {
    if (e instanceof DockerApiError && e.status === 404) return null;
    throw e;
  }
}

/** A task, or null when it does not exist (404) or the engine is in no swarm (503). */
export async function inspectTask(api: DockerApi, id: string): Promise<SwarmTaskDoc | null> {
  try {
    return await api.get<SwarmTaskDoc>(`/tasks/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof DockerApiError && (e.status === 404 || e.status === 503)) return null;
    throw e;
  }
}

/** The stack's task containers that live on this node. */
export async function localContainers(api: DockerApi, stack: string): Promise<LocalContainer[]> {
  const list = await api.get<Array<{ Id: string; ImageID: string; State: string; Status: string; Labels: Record<string, string> }>>(`/containers/json?all=1&filters=${labelFilter(stack)}`);
  return list
    .filter((c) => c.Labels['com.docker.swarm.task.id'])
    .map((c) => ({ id: c.Id, taskId: c.Labels['com.docker.swarm.task.id'], imageId: c.ImageID, state: c.State, health: healthFromStatus(c.Status) }));
}

/** Resource usage of a task's container when it runs on this node (null elsewhere in the cluster, or not running). */
export async function taskStats(api: DockerApi, taskId: string): Promise<ResourceUsage | null> {
  const cid = (await inspectTask(api, taskId))?.Status.ContainerStatus?.ContainerID;
  return cid ? containerStats(api, cid) : null;
}

/** Every task of the stack as a container (see taskContainers). */
export async function listStackContainers(api: DockerApi, stack: string): Promise<ServiceContainer[]> {
  const [services, tasks, local] = await Promise.all([stackServices(api, stack), stackTasks(api, stack), localContainers(api, stack)]);
  return taskContainers(stack, services, tasks, local);
}

/** Swarm's view of this engine: whether it is in a swarm, a manager, and how many nodes there are. */
export interface SwarmInfo {
  state: string;
  manager: boolean;
  nodes: number | null;
  managers: number | null;
  nodeId: string | null;
}

export async function swarmInfo(api: DockerApi): Promise<SwarmInfo> {
  const info = await api.get<{ Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; Nodes?: number; Managers?: number; NodeID?: string } }>('/info');
  const s = info.Swarm ?? {};
  return { state: s.LocalNodeState ?? 'inactive', manager: Boolean(s.ControlAvailable), nodes: s.Nodes ?? null, managers: s.Managers ?? null, nodeId: s.NodeID || null };
}
