// Pure parts of reading a stack from the Engine API (engine: swarm): tasks shaped as containers, what the
// service specs declare, and the verdict on a rollout — from small fake service and task documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  composeName,
  declaredOf,
  rolloutVerdict,
  stripDigest,
  taskContainers,
  type LocalContainer,
  type SwarmServiceDoc,
  type SwarmTaskDoc,
} from '../../src/engines/swarm/swarm-reads';
import type { ServiceContainer } from '../../src/engines/engine';

const STACK = 'recyclic';

const service = (id: string, name: string, image: string, extra: Partial<SwarmServiceDoc> & { replicas?: number; global?: boolean } = {}): SwarmServiceDoc => {
  const { replicas, global, ...rest } = extra;
  return {
    ID: id,
    Spec: {
      Name: name,
      Mode: global ? { Global: {} } : { Replicated: replicas === undefined ? {} : { Replicas: replicas } },
      TaskTemplate: { ContainerSpec: { Image: image } },
    },
    ...rest,
  };
};

interface TaskOpts {
  slot?: number;
  node?: string;
  desired?: string;
  container?: string;
  exit?: number;
  timestamp?: string;
}

const at = (minute: number): string => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000000000Z`;

const task = (id: string, serviceId: string, image: string, state: string, minute: number, o: TaskOpts = {}): SwarmTaskDoc => ({
  ID: id,
  ServiceID: serviceId,
  ...(o.node === undefined ? { Slot: o.slot ?? 1 } : { NodeID: o.node }),
  CreatedAt: at(minute),
  Spec: { ContainerSpec: { Image: image } },
  Status: {
    State: state,
    Timestamp: o.timestamp ?? at(minute),
    ...(o.container !== undefined || o.exit !== undefined ? { ContainerStatus: { ...(o.container ? { ContainerID: o.container } : {}), ...(o.exit !== undefined ? { ExitCode: o.exit } : {}) } } : {}),
  },
  DesiredState: o.desired ?? 'running',
});

const local = (taskId: string, health: LocalContainer['health'], imageId = `sha256:img-${taskId}`): LocalContainer => ({ id: `c-${taskId}`, taskId, imageId, state: 'running', health });

const byId = (list: ServiceContainer[]): Map<string, ServiceContainer> => new Map(list.map((c) => [c.id, c]));

test('stripDigest and composeName', () => {
  assert.equal(stripDigest('recyclic-api:abc@sha256:0123abcd'), 'recyclic-api:abc');
  assert.equal(stripDigest('recyclic-api:abc'), 'recyclic-api:abc');
  assert.equal(stripDigest('registry.example.org:5000/recyclic-api:abc@sha256:ff'), 'registry.example.org:5000/recyclic-api:abc');
  assert.equal(stripDigest(''), '');
  assert.equal(composeName('recyclic_api', 'recyclic'), 'api');
  assert.equal(composeName('recyclic_api-migrations', 'recyclic'), 'api-migrations');
  assert.equal(composeName('other_api', 'recyclic'), null);
  assert.equal(composeName('recyclicapi', 'recyclic'), null);
  assert.equal(composeName('recyclic', 'recyclic'), null);
});

test('taskContainers: task states become container states; a local container gives health and image id', () => {
  const services = [service('S1', 'recyclic_api', 'recyclic-api:v2')];
  const tasks = [
    task('run', 'S1', 'recyclic-api:v2@sha256:aa', 'running', 1, { slot: 1, container: 'k1', timestamp: '2026-03-01T10:01:30Z' }),
    task('start', 'S1', 'recyclic-api:v2', 'starting', 2, { slot: 2, container: 'k2' }),
    task('startLocal', 'S1', 'recyclic-api:v2', 'starting', 3, { slot: 3, container: 'k3' }),
    task('done', 'S1', 'recyclic-api:v2', 'complete', 4, { slot: 4, desired: 'shutdown', container: 'k4', exit: 0 }),
    task('crash', 'S1', 'recyclic-api:v2', 'failed', 5, { slot: 5, desired: 'shutdown', container: 'k5', exit: 137 }),
    task('noCtr', 'S1', 'recyclic-api:v2', 'failed', 6, { slot: 6, desired: 'shutdown' }),
    task('pend', 'S1', 'recyclic-api:v2', 'pending', 7, { slot: 7 }),
    task('ready', 'S1', 'recyclic-api:v2', 'ready', 8, { slot: 8, desired: 'ready' }),
  ];
  const out = taskContainers(STACK, services, tasks, [local('run', 'unhealthy'), local('startLocal', 'healthy'), local('done', null)]);
  assert.equal(out.length, 8);
  const c = byId(out);
  const pick = (id: string) => {
    const x = c.get(id)!;
    return [x.state, x.health, x.exitCode];
  };
  assert.deepEqual(pick('run'), ['running', 'unhealthy', null], "the local container's health");
  assert.deepEqual(pick('start'), ['running', 'starting', null], 'starting without a local container: health starting');
  assert.deepEqual(pick('startLocal'), ['running', 'healthy', null], "a local container's health wins over the task state");
  assert.deepEqual(pick('done'), ['exited', null, 0]);
  assert.deepEqual(pick('crash'), ['exited', null, 137]);
  assert.deepEqual(pick('noCtr'), ['dead', null, null], 'failed before a container existed');
  assert.deepEqual(pick('pend'), ['created', null, null]);
  assert.deepEqual(pick('ready'), ['created', null, null]);

  const run = c.get('run')!;
  assert.deepEqual(run, {
    service: 'api',
    id: 'run',
    name: 'recyclic_api.1.run',
    image: 'recyclic-api:v2',
    imageId: 'sha256:img-run',
    state: 'running',
    health: 'unhealthy',
    exitCode: null,
    restartCount: 0,
    startedAt: '2026-03-01T10:01:30Z',
    createdAt: at(1),
  });
  assert.equal(c.get('start')!.imageId, '', 'no local container: no image id');
  assert.equal(c.get('crash')!.startedAt, null, 'only a running task has a start time');
});

test('taskContainers: service names lose the stack prefix; other stacks and unknown services are ignored', () => {
  const services = [
    service('S1', 'recyclic_api', 'recyclic-api:v1'),
    service('S2', 'recyclic_api-migrations', 'recyclic-api-migrations:v1'),
    service('S3', 'other_api', 'other-api:v1'),
    service('S4', 'recyclic-staging_api', 'recyclic-api:v1'),
  ];
  const tasks = [
    task('a', 'S1', 'recyclic-api:v1', 'running', 1),
    task('m', 'S2', 'recyclic-api-migrations:v1', 'complete', 2, { desired: 'shutdown', container: 'k', exit: 0 }),
    task('o', 'S3', 'other-api:v1', 'running', 3),
    task('s', 'S4', 'recyclic-api:v1', 'running', 4),
    task('x', 'S9', 'recyclic-api:v1', 'running', 5),
  ];
  const out = taskContainers(STACK, services, tasks, []);
  assert.deepEqual(
    out.map((c) => [c.id, c.service, c.name]),
    [
      ['a', 'api', 'recyclic_api.1.a'],
      ['m', 'api-migrations', 'recyclic_api-migrations.1.m'],
    ],
  );
});

test('taskContainers: which tasks are kept, and restartCount per slot and image', () => {
  const services = [service('S1', 'recyclic_api', 'recyclic-api:v2')];
  const tasks = [
    // slot 1: v1 crashed once, was replaced, then shut down for v2; v2 failed twice, then runs
    task('v1crash', 'S1', 'recyclic-api:v1', 'failed', 1, { slot: 1, desired: 'shutdown', container: 'k0', exit: 1 }),
    task('v1old', 'S1', 'recyclic-api:v1', 'shutdown', 2, { slot: 1, desired: 'shutdown', container: 'k1', exit: 0 }),
    task('v1last', 'S1', 'recyclic-api:v1@sha256:aa', 'shutdown', 3, { slot: 1, desired: 'shutdown', container: 'k2', exit: 0 }),
    task('v2fail', 'S1', 'recyclic-api:v2', 'failed', 4, { slot: 1, desired: 'shutdown', container: 'k3', exit: 3 }),
    task('v2rej', 'S1', 'recyclic-api:v2', 'rejected', 5, { slot: 1, desired: 'shutdown' }),
    task('v2run', 'S1', 'recyclic-api:v2', 'running', 6, { slot: 1 }),
    // slot 2: its newest task was rejected (no container, not "finished"): kept as the slot's newest
    task('s2ok', 'S1', 'recyclic-api:v2', 'shutdown', 7, { slot: 2, desired: 'shutdown', container: 'k4', exit: 0 }),
    task('s2rej', 'S1', 'recyclic-api:v2', 'rejected', 8, { slot: 2, desired: 'shutdown' }),
    // slot 3: an old task Swarm still wants running beside a newer one (start-first): both kept
    task('s3old', 'S1', 'recyclic-api:v1', 'running', 9, { slot: 3 }),
    task('s3new', 'S1', 'recyclic-api:v2', 'starting', 10, { slot: 3 }),
  ];
  const out = taskContainers(STACK, services, tasks, []);
  assert.deepEqual(out.map((c) => c.id).sort(), ['s2ok', 's2rej', 's3new', 's3old', 'v1last', 'v2fail', 'v2run'].sort());
  const c = byId(out);
  // dropped: v1crash and v1old (older finished tasks of v1 in slot 1), v2rej (no container, not the newest)
  assert.equal(c.has('v1old'), false, 'an older finished task of the same image is dropped');
  assert.equal(c.has('v2rej'), false);
  assert.equal(c.get('v1last')!.image, 'recyclic-api:v1', 'digest stripped before grouping by image');

  const restarts = Object.fromEntries(out.map((x) => [x.id, x.restartCount]));
  assert.deepEqual(restarts, {
    v1last: 1, // v1crash (same slot, same image, earlier)
    v2fail: 0, // v2rej is later
    v2run: 2, // v2fail and v2rej; not v1crash (another image)
    s2ok: 0,
    s2rej: 0, // s2ok was shut down, not failed
    s3old: 0, // slot 1's failures are not slot 3's
    s3new: 0,
  });
  assert.deepEqual([c.get('s2rej')!.state, c.get('s2rej')!.exitCode], ['dead', null]);
});

test('taskContainers: global services are keyed by node', () => {
  const services = [service('G', 'recyclic_agent', 'recyclic-agent:v1', { global: true })];
  const tasks = [
    task('n1old', 'G', 'recyclic-agent:v1', 'failed', 1, { node: 'node1', desired: 'shutdown', container: 'k1', exit: 2 }),
    task('n1', 'G', 'recyclic-agent:v1', 'running', 2, { node: 'node1' }),
    task('n2', 'G', 'recyclic-agent:v1', 'running', 3, { node: 'node2' }),
  ];
  const out = taskContainers(STACK, services, tasks, []);
  assert.deepEqual(
    out.map((c) => [c.id, c.name, c.restartCount]),
    [
      ['n1old', 'recyclic_agent.node1.n1old', 0],
      ['n1', 'recyclic_agent.node1.n1', 1],
      ['n2', 'recyclic_agent.node2.n2', 0],
    ],
  );
});

test('declaredOf: image without digest and replicas per service of the stack; null replicas in global mode', () => {
  const d = declaredOf(STACK, [
    service('S1', 'recyclic_api', 'recyclic-api:v2@sha256:0123', { replicas: 3 }),
    service('S2', 'recyclic_bot', 'recyclic-bot:v1'),
    service('S3', 'recyclic_agent', 'recyclic-agent:v1', { global: true }),
    service('S4', 'recyclic_mig', 'recyclic-mig:v1', { replicas: 0 }),
    { ID: 'S5', Spec: { Name: 'recyclic_bare', TaskTemplate: {} } },
    service('S6', 'other_api', 'other-api:v1', { replicas: 5 }),
  ]);
  assert.deepEqual([...d.keys()], ['api', 'bot', 'agent', 'mig', 'bare']);
  assert.deepEqual(d.get('api'), { service: 'api', image: 'recyclic-api:v2', reference: 'recyclic-api:v2@sha256:0123', run: null, replicas: 3 });
  assert.deepEqual(d.get('bot'), { service: 'bot', image: 'recyclic-bot:v1', reference: 'recyclic-bot:v1', run: null, replicas: 1 }, 'no Replicas: 1');
  assert.deepEqual(d.get('agent'), { service: 'agent', image: 'recyclic-agent:v1', reference: 'recyclic-agent:v1', run: null, replicas: null });
  assert.deepEqual(d.get('mig'), { service: 'mig', image: 'recyclic-mig:v1', reference: 'recyclic-mig:v1', run: null, replicas: 0 });
  assert.deepEqual(d.get('bare'), { service: 'bare', image: '', reference: '', run: null, replicas: 1 }, 'no Mode at all: replicated, 1');
});

test('rolloutVerdict: no service, or a spec on another image, is a failure (rolled back or changed)', () => {
  assert.deepEqual(rolloutVerdict(null, [], 'recyclic-api:v2', false), { state: 'failed', reason: 'the Swarm service does not exist' });

  const rolledBack = service('S1', 'recyclic_api', 'recyclic-api:v1@sha256:aa', {
    replicas: 1,
    UpdateStatus: { State: 'rollback_completed', Message: 'rollback completed' },
  });
  const r = rolloutVerdict(rolledBack, [task('t', 'S1', 'recyclic-api:v1', 'running', 1)], 'recyclic-api:v2', false);
  assert.equal(r.state, 'failed');
  assert.equal(r.reason, 'Swarm rolled the service back to recyclic-api:v1 (rollback_completed: rollback completed)');
  assert.match(r.reason!, /rolled the service back/);
  // the same for a one-shot: the spec is checked first
  assert.equal(rolloutVerdict(rolledBack, [], 'recyclic-api:v2', true).state, 'failed');

  const changed = service('S1', 'recyclic_api', 'recyclic-api:v3', { replicas: 1, UpdateStatus: { State: 'completed' } });
  assert.deepEqual(rolloutVerdict(changed, [task('t', 'S1', 'recyclic-api:v3', 'running', 1)], 'recyclic-api:v2', false), {
    state: 'failed',
    reason: 'the service spec runs recyclic-api:v3, expected recyclic-api:v2',
  });
  const noStatus = service('S1', 'recyclic_api', 'recyclic-api:v1', { replicas: 1 });
  assert.equal(rolloutVerdict(noStatus, [], 'recyclic-api:v2', false).reason, 'the service spec runs recyclic-api:v1, expected recyclic-api:v2');
});

test('rolloutVerdict: a one-shot is done as soon as its spec is right, even when Swarm paused its update', () => {
  const mig = service('M', 'recyclic_mig', 'recyclic-mig:v2@sha256:bb', { replicas: 1, UpdateStatus: { State: 'paused', Message: 'update paused due to failure or early termination of task x' } });
  const exited = task('t', 'M', 'recyclic-mig:v2', 'complete', 1, { desired: 'shutdown', container: 'k', exit: 0 });
  assert.deepEqual(rolloutVerdict(mig, [exited], 'recyclic-mig:v2', true), { state: 'done', reason: null });
  assert.deepEqual(rolloutVerdict(mig, [], 'recyclic-mig:v2', true), { state: 'done', reason: null });
  // the same service, not a one-shot: a paused update is a failure
  assert.equal(rolloutVerdict(mig, [exited], 'recyclic-mig:v2', false).state, 'failed');
});

test('rolloutVerdict: paused and rollback_paused fail; updating and rollback_started are pending', () => {
  const running = [task('t1', 'S1', 'recyclic-api:v2', 'running', 1)];
  const withStatus = (State: string, Message?: string) => service('S1', 'recyclic_api', 'recyclic-api:v2', { replicas: 1, UpdateStatus: { State, ...(Message ? { Message } : {}) } });
  assert.deepEqual(rolloutVerdict(withStatus('paused', 'task failed'), running, 'recyclic-api:v2', false), { state: 'failed', reason: 'Swarm paused the update: task failed' });
  assert.deepEqual(rolloutVerdict(withStatus('paused'), running, 'recyclic-api:v2', false), { state: 'failed', reason: 'Swarm paused the update' });
  assert.deepEqual(rolloutVerdict(withStatus('rollback_paused', 'x'), running, 'recyclic-api:v2', false), { state: 'failed', reason: 'Swarm paused the rollback: x' });
  assert.deepEqual(rolloutVerdict(withStatus('updating'), running, 'recyclic-api:v2', false), { state: 'pending', reason: 'Swarm update in progress (updating)' });
  assert.deepEqual(rolloutVerdict(withStatus('rollback_started'), running, 'recyclic-api:v2', false), { state: 'pending', reason: 'Swarm update in progress (rollback_started)' });
  assert.deepEqual(rolloutVerdict(withStatus('completed'), running, 'recyclic-api:v2', false), { state: 'done', reason: null });
});

test('rolloutVerdict: pending while a wanted task runs the old image or replicas are missing; done when all run', () => {
  const svc = service('S1', 'recyclic_api', 'recyclic-api:v2', { replicas: 2 });
  const v2a = task('a', 'S1', 'recyclic-api:v2@sha256:cc', 'running', 3, { slot: 1 });
  const v2b = task('b', 'S1', 'recyclic-api:v2', 'running', 4, { slot: 2 });
  const old = task('o', 'S1', 'recyclic-api:v1@sha256:aa', 'running', 1, { slot: 2 });
  assert.deepEqual(rolloutVerdict(svc, [v2a, old], 'recyclic-api:v2', false), { state: 'pending', reason: '1 task(s) still on recyclic-api:v1' });
  assert.deepEqual(rolloutVerdict(svc, [v2a], 'recyclic-api:v2', false), { state: 'pending', reason: '1/2 task(s) running' });
  const starting = { ...v2b, Status: { ...v2b.Status, State: 'starting' } };
  assert.deepEqual(rolloutVerdict(svc, [v2a, starting], 'recyclic-api:v2', false), { state: 'pending', reason: '1/2 task(s) running' });
  assert.deepEqual(rolloutVerdict(svc, [v2a, v2b], 'recyclic-api:v2', false), { state: 'done', reason: null });
  // tasks Swarm no longer wants (old image, shut down) and tasks of other services do not count
  const shutOld = task('so', 'S1', 'recyclic-api:v1', 'shutdown', 0, { slot: 1, desired: 'shutdown', container: 'k', exit: 0 });
  const otherSvc = task('x', 'S2', 'recyclic-api:v1', 'running', 2);
  assert.deepEqual(rolloutVerdict(svc, [shutOld, otherSvc, v2a, v2b], 'recyclic-api:v2', false), { state: 'done', reason: null });
  // no Replicas in the spec: 1
  const one = service('S1', 'recyclic_api', 'recyclic-api:v2');
  assert.deepEqual(rolloutVerdict(one, [], 'recyclic-api:v2', false), { state: 'pending', reason: '0/1 task(s) running' });
  assert.deepEqual(rolloutVerdict(one, [v2a], 'recyclic-api:v2', false), { state: 'done', reason: null });
});

test('rolloutVerdict: global mode wants one running task per task Swarm schedules (at least one)', () => {
  const g = service('G', 'recyclic_agent', 'recyclic-agent:v2', { global: true });
  const n1 = task('n1', 'G', 'recyclic-agent:v2', 'running', 1, { node: 'node1' });
  const n2 = task('n2', 'G', 'recyclic-agent:v2', 'running', 2, { node: 'node2' });
  const n2pending = task('n2p', 'G', 'recyclic-agent:v2', 'pending', 2, { node: 'node2' });
  assert.deepEqual(rolloutVerdict(g, [], 'recyclic-agent:v2', false), { state: 'pending', reason: '0/1 task(s) running' });
  assert.deepEqual(rolloutVerdict(g, [n1, n2pending], 'recyclic-agent:v2', false), { state: 'pending', reason: '1/2 task(s) running' });
  assert.deepEqual(rolloutVerdict(g, [n1, n2], 'recyclic-agent:v2', false), { state: 'done', reason: null });
});

test('taskContainers: tasks of one second are ordered by their nanoseconds (Docker drops trailing zeros); a task shut down before it had a container never ran', () => {
  const svc = service('s1', `${STACK}_api`, 'recyclic-api:v1');
  const older = { ...task('t-old', 's1', 'recyclic-api:v1', 'failed', 0, { container: 'c1', exit: 1, desired: 'shutdown' }), CreatedAt: '2026-03-01T10:00:00.9Z' };
  const newer = { ...task('t-new', 's1', 'recyclic-api:v1', 'rejected', 0, { desired: 'shutdown' }), CreatedAt: '2026-03-01T10:00:00.95Z' };
  const list = byId(taskContainers(STACK, [svc], [older, newer], []));
  assert.ok(list.has('t-new'), 'the newest task of the slot is kept');
  assert.equal(list.get('t-new')!.restartCount, 1, 'the failed task before it counts as a restart');
  const preempted = task('t-pre', 's1', 'recyclic-api:v1', 'shutdown', 5, { desired: 'shutdown' });
  const c = byId(taskContainers(STACK, [svc], [preempted], [])).get('t-pre')!;
  assert.deepEqual([c.state, c.exitCode], ['dead', null]);
});

test('rolloutVerdict: a one-shot run is pending until Swarm created the task carrying its run label (a retry of the same image)', () => {
  const mig = service('M', 'recyclic_mig', 'recyclic-mig:v2', { replicas: 1 });
  const earlier = task('t1', 'M', 'recyclic-mig:v2', 'failed', 1, { desired: 'shutdown', container: 'k1', exit: 1 });
  earlier.Spec.ContainerSpec!.Labels = { 'io.reprise.run': 'run-1' };
  assert.equal(rolloutVerdict(mig, [earlier], 'recyclic-mig:v2', true, 'run-2').state, 'pending', 'the earlier failed run does not count');
  const now = task('t2', 'M', 'recyclic-mig:v2', 'pending', 2, {});
  now.Spec.ContainerSpec!.Labels = { 'io.reprise.run': 'run-2' };
  assert.deepEqual(rolloutVerdict(mig, [earlier, now], 'recyclic-mig:v2', true, 'run-2'), { state: 'done', reason: null });
  assert.deepEqual(rolloutVerdict(mig, [earlier], 'recyclic-mig:v2', true, null), { state: 'done', reason: null }, 'no run label known: the spec decides');
});

test('declaredOf keeps the exact reference (digest included) and the run label', () => {
  const svc = service('S', 'recyclic_mig', 'recyclic-mig:v2@sha256:cc', { replicas: 1 });
  svc.Spec.TaskTemplate.ContainerSpec!.Labels = { 'io.reprise.run': 'run-7' };
  const d = declaredOf('recyclic', [svc]).get('mig')!;
  assert.deepEqual([d.image, d.reference, d.run, d.replicas], ['recyclic-mig:v2', 'recyclic-mig:v2@sha256:cc', 'run-7', 1]);
});
