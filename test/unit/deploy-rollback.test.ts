// deploy and rollback against the shared fake engine (fake-engine.ts): a release refused before apply
// changes nothing a user could see — no engine call that changes the stack, the same containers, no release
// row, no journal, the lock free, the env files as they were — and a refused or cancelled rollback is never
// silent (SPEC §9: a metrics entry). Then the happy path and the automatic rollback, to show what the
// engine is asked when a release does go ahead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy } from '../../src/commands/deploy';
import { rollback } from '../../src/commands/rollback';
import { EXIT, RepriseError, isRepriseError, type ErrorCode } from '../../src/domain/errors';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FakeEngine, fakeStack, type FakeStack } from './fake-engine';

/** What the user could observe before the operation. */
function observe(s: FakeStack): unknown {
  return { running: s.engine.running(), images: s.engine.localImages.length, env: s.read('.env'), envRollback: s.read('.env.rollback'), releases: s.releases().length };
}

/** Nothing changed: no mutating engine call, same stack and files, no journal left, the lock free. */
function assertUntouched(s: FakeStack, before: unknown): void {
  assert.deepEqual(s.engine.calls, [], 'no engine call that changes the stack');
  assert.deepEqual(observe(s), before);
  assert.equal(s.ctx.store.getJournal(s.ctx.project.name), null, 'no journal');
  assert.equal(s.ctx.store.getLock(s.ctx.project.name), null, 'lock released');
}

const fails = (code: ErrorCode) => (e: unknown): boolean => {
  assert.ok(isRepriseError(e), String(e));
  assert.equal(e.code, code, e.message);
  return true;
};

const unreachable = (): RepriseError => new RepriseError('DOCKER_UNAVAILABLE', 'dockerUnavailable', { reason: 'connect ENOENT /var/run/docker.sock' });

/** The tag variables of every apply() call, in order. */
const appliedTags = (s: FakeStack): Array<Record<string, string>> => s.engine.calls.filter((c) => c.method === 'apply').map((c) => (c.args[0] as { tags: Record<string, string> }).tags);

test('deploy of a version with no local image: VERSION_NOT_FOUND, nothing changed, no release', async () => {
  const s = fakeStack({ history: ['v1'] });
  try {
    const before = observe(s);
    await assert.rejects(deploy(s.ctx, { version: 'v9' }), fails('VERSION_NOT_FOUND'));
    assertUntouched(s, before);
  } finally {
    s.close();
  }
});

test('deploy of a version missing one image: VERSION_INCOMPLETE naming it, nothing changed', async () => {
  const s = fakeStack({ history: ['v1'] });
  try {
    s.engine.addImage('repo/api', 'v2');
    const before = observe(s);
    await assert.rejects(deploy(s.ctx, { version: 'v2' }), (e: unknown) => fails('VERSION_INCOMPLETE')(e) && (e as RepriseError).message.includes('repo/web:v2'));
    assertUntouched(s, before);
  } finally {
    s.close();
  }
});

test('deploy with the engine unreachable (prepare throws): the error, nothing changed, no release', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1'] });
  try {
    s.engine.prepareError = unreachable();
    const before = observe(s);
    await assert.rejects(deploy(s.ctx, { version: 'v2' }), fails('DOCKER_UNAVAILABLE'));
    assertUntouched(s, before);
  } finally {
    s.close();
  }
});

test('deploy whose pre_deploy hook fails: OPERATION_FAILED with its exit code, nothing applied, no release', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1'], reprise: 'hooks:\n  pre_deploy:\n    - sh -c "exit 3"\n' });
  try {
    const before = observe(s);
    await assert.rejects(deploy(s.ctx, { version: 'v2' }), (e: unknown) => fails('OPERATION_FAILED')(e) && (e as RepriseError).params.exitCode === 3);
    assertUntouched(s, before);
    const hookEvents = s.ctx.store.listEvents(s.ctx.project.name, { type: 'hook_failed' });
    assert.equal(hookEvents.length, 1, 'the failed hook is recorded');
  } finally {
    s.close();
  }
});

test('rollback with no previous version: NO_PREVIOUS_VERSION, nothing applied, no release, the refusal in the metrics file', async () => {
  const s = fakeStack();
  try {
    const before = observe(s);
    await assert.rejects(rollback(s.ctx, { yes: true }), fails('NO_PREVIOUS_VERSION'));
    assertUntouched(s, before);
    const [entry, ...more] = s.metrics();
    assert.deepEqual(more, []);
    assert.deepEqual([entry.status, entry.trigger, entry.from_version, entry.error?.code], ['failed', 'manual', 'v1', 'NO_PREVIOUS_VERSION']);
    assert.equal(s.ctx.store.listEvents(s.ctx.project.name, { type: 'rollback_refused' }).length, 1);
  } finally {
    s.close();
  }
});

test('rollback with the engine unreachable: the error, nothing changed, the refusal in the metrics file', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1', 'v2'], running: 'v2' });
  try {
    s.engine.prepareError = unreachable();
    const before = observe(s);
    await assert.rejects(rollback(s.ctx, { yes: true }), fails('DOCKER_UNAVAILABLE'));
    assertUntouched(s, before);
    assert.deepEqual(s.metrics().map((m) => [m.status, m.error?.code]), [['failed', 'DOCKER_UNAVAILABLE']]);
  } finally {
    s.close();
  }
});

test('rollback cancelled at the prompt: a cancelled release row and metrics entry, nothing applied', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1', 'v2'], running: 'v2' });
  try {
    s.answer = false;
    const before = observe(s);
    const r = await rollback(s.ctx, {});
    assert.equal(r.status, 'cancelled');
    assert.equal(s.questions.length, 1);
    assert.match(s.questions[0], /v2.*v1/);
    const [row] = s.releases();
    assert.deepEqual([row.id, row.kind, row.outcome, row.version, row.fromVersion], [r.releaseId, 'rollback', 'cancelled', 'v1', 'v2']);
    assertUntouched(s, { ...(before as object), releases: 3 });
    assert.deepEqual(s.metrics().map((m) => [m.status, m.version, m.from_version]), [['cancelled', 'v1', 'v2']]);
  } finally {
    s.close();
  }
});

test('rollback to the version already running: ALREADY_CURRENT, nothing applied, no release, the refusal recorded', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1', 'v2'], running: 'v2' });
  try {
    const before = observe(s);
    await assert.rejects(rollback(s.ctx, { version: 'v2', yes: true }), fails('ALREADY_CURRENT'));
    assertUntouched(s, before);
    assert.deepEqual(s.metrics().map((m) => [m.status, m.version, m.error?.code]), [['failed', 'v2', 'ALREADY_CURRENT']]);
  } finally {
    s.close();
  }
});

test('rollback whose pre_rollback hook fails: a failed release row and metrics entry, nothing applied', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1', 'v2'], running: 'v2', reprise: 'hooks:\n  pre_rollback:\n    - "false"\n' });
  try {
    const before = observe(s);
    await assert.rejects(rollback(s.ctx, { yes: true }), fails('OPERATION_FAILED'));
    assertUntouched(s, { ...(before as object), releases: 3 });
    assert.deepEqual([s.releases()[0].kind, s.releases()[0].outcome], ['rollback', 'failed']);
    assert.deepEqual(s.metrics().map((m) => m.status), ['failed']);
  } finally {
    s.close();
  }
});

test('deploy v1 → v2 then rollback: apply on the right tags, success rows, .env.rollback names v1, .env follows', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1'] });
  try {
    const d = await deploy(s.ctx, { version: 'v2' });
    assert.deepEqual([d.fromVersion, d.changed.sort()], ['v1', ['api', 'web']]);
    assert.ok(appliedTags(s).length > 0);
    for (const tags of appliedTags(s)) assert.deepEqual(tags, { API_IMAGE_TAG: 'v2', WEB_IMAGE_TAG: 'v2' });
    assert.deepEqual(s.engine.running(), { db: 'postgres:16', api: 'repo/api:v2', web: 'repo/web:v2' });
    assert.deepEqual([s.releases()[0].kind, s.releases()[0].outcome, s.releases()[0].version], ['deploy', 'success', 'v2']);
    assert.match(s.read('.env.rollback') ?? '', /^API_IMAGE_TAG=v1$/m);
    assert.match(s.read('.env') ?? '', /^API_IMAGE_TAG=v2$/m);
    assert.deepEqual(s.metrics(), [], 'a deploy writes no rollback metrics entry');

    s.engine.calls.length = 0;
    const r = await rollback(s.ctx, { yes: true });
    assert.deepEqual([r.status, r.version, r.chosenBy], ['success', 'v1', 'history']);
    for (const tags of appliedTags(s)) assert.deepEqual(tags, { API_IMAGE_TAG: 'v1', WEB_IMAGE_TAG: 'v1' });
    assert.deepEqual(s.engine.running(), { db: 'postgres:16', api: 'repo/api:v1', web: 'repo/web:v1' });
    assert.deepEqual([s.releases()[0].kind, s.releases()[0].outcome, s.releases()[0].fromVersion], ['rollback', 'success', 'v2']);
    assert.deepEqual(s.metrics().map((m) => [m.status, m.version, m.from_version]), [['success', 'v1', 'v2']]);
    assert.match(s.read('.env') ?? '', /^API_IMAGE_TAG=v1$/m);
    assert.equal(s.ctx.store.getLock(s.ctx.project.name), null);
  } finally {
    s.close();
  }
});

test('deploy of a version that never gets healthy: put back on v1 automatically, recorded as its own rollback', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1'] });
  try {
    s.engine.healthOn.set('v2', 'unhealthy');
    await assert.rejects(deploy(s.ctx, { version: 'v2' }), (e: unknown) => fails('HEALTH_CHECK_FAILED')(e) && (e as RepriseError).exitCode === EXIT.ROLLED_BACK);
    const tags = appliedTags(s);
    assert.deepEqual([tags[0].API_IMAGE_TAG, tags.at(-1)!.API_IMAGE_TAG], ['v2', 'v1'], 'v2 applied, then v1 put back');
    assert.deepEqual(s.engine.running(), { db: 'postgres:16', api: 'repo/api:v1', web: 'repo/web:v1' });
    const [rb, dep] = s.releases();
    assert.deepEqual([dep.kind, dep.outcome, rb.kind, rb.trigger, rb.outcome, rb.version], ['deploy', 'rolled_back', 'rollback', 'auto', 'success', 'v1']);
    assert.deepEqual(s.metrics().map((m) => [m.trigger, m.status, m.version]), [['auto', 'success', 'v1']]);
    assert.match(s.read('.env') ?? '', /^API_IMAGE_TAG=v1$/m);
    assert.equal(s.ctx.store.getJournal(s.ctx.project.name), null);
  } finally {
    s.close();
  }
});

// Issue 20 item 1: an error thrown while a release is applied (the engine gone after compose up, an API
// timeout, an image lookup failing) is still an attempt that started: the release is failed, not left
// `running`; the journal is closed; an incident folder and the failure notification say what happened,
// and a rollback attempt has its metrics entry — whatever the error's type.
const incidents = (s: FakeStack): string[] => (existsSync(join(s.dir, 'logs', 'incidents')) ? readdirSync(join(s.dir, 'logs', 'incidents')) : []);

/** The notifications sent (their types), through a webhook on a closed 127.0.0.1 port: each delivery fails at once, and is recorded. */
const withWebhook = (s: FakeStack): void => void (s.ctx.env.NOTIFICATION_WEBHOOK_URL = 'http://127.0.0.1:9/hook');
const notified = (s: FakeStack): string[] => s.ctx.store.listEvents(s.ctx.project.name, { type: 'notification' }).map((e) => String((e.details as { type?: string }).type));

/** Makes the engine's `images` throw `error` from its `after`+1-th call on (the plan's own reads pass). */
function imagesFailAfter(s: FakeStack, after: number, error: Error): void {
  const real = s.engine.images.bind(s.engine);
  let n = 0;
  s.engine.images = async (repos: string[]) => {
    if (++n > after) throw error;
    return real(repos);
  };
}

for (const [what, error] of [
  ['the engine gone (DOCKER_UNAVAILABLE)', unreachable()],
  ['an unexpected error (socket hang up)', new Error('socket hang up')],
] as const) {
  test(`deploy that throws while applying — ${what}: the release failed, its journal kept for rollback --yes, incident and notification recorded`, async () => {
    const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1'] });
    try {
      imagesFailAfter(s, 1, error);
      withWebhook(s);
      await assert.rejects(deploy(s.ctx, { version: 'v2' }), (e: unknown) => e === error);
      const [row] = s.releases().filter((r) => r.version === 'v2');
      assert.equal(row.outcome, 'failed', 'the release is not left running');
      assert.match(row.errorMessage ?? '', /docker|socket hang up/i);
      assert.notEqual(s.ctx.store.getJournal(s.ctx.project.name), null, 'the journal stays: the next rollback --yes undoes what it changed');
      assert.equal(s.ctx.store.getLock(s.ctx.project.name), null, 'lock released');
      assert.equal(incidents(s).length, 1, 'an incident folder');
      assert.deepEqual(notified(s), ['deploy_failed'], 'the failure notification was sent');
      // the engine answers again: rollback --yes undoes the interrupted deploy, the failed release keeps its outcome
      s.engine.images = FakeEngine.prototype.images.bind(s.engine);
      s.ctx.pid = process.pid + 1; // the next command is another process
      const r = await rollback(s.ctx, { yes: true });
      assert.equal(r.version, 'v1');
      assert.equal(s.ctx.store.getJournal(s.ctx.project.name), null);
      assert.equal(s.releases().find((x) => x.version === 'v2')?.outcome, 'failed');
    } finally {
      s.close();
    }
  });

  test(`rollback that throws while applying — ${what}: the release failed, a metrics entry, incident and notification; rollback --yes finishes it`, async () => {
    const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1', 'v2'], running: 'v2' });
    try {
      imagesFailAfter(s, 1, error);
      withWebhook(s);
      await assert.rejects(rollback(s.ctx, { yes: true }), (e: unknown) => e === error);
      const [row] = s.releases().filter((r) => r.kind === 'rollback');
      assert.equal(row.outcome, 'failed', 'the release is not left running');
      assert.notEqual(s.ctx.store.getJournal(s.ctx.project.name), null, 'the journal stays for the next rollback --yes');
      assert.deepEqual(s.metrics().map((m) => m.status), ['failed'], 'one metrics entry, failed');
      assert.equal(incidents(s).length, 1, 'an incident folder');
      assert.deepEqual(notified(s), ['rollback_failed'], 'the failure notification was sent');
      s.engine.images = FakeEngine.prototype.images.bind(s.engine);
      s.ctx.pid = process.pid + 1; // the next command is another process
      await rollback(s.ctx, { yes: true });
      assert.deepEqual(s.metrics().map((m) => m.status), ['failed', 'success'], 'the failed attempt is not counted twice');
    } finally {
      s.close();
    }
  });
}

test('a rollback refused by an unexpected error (not a RepriseError) is still in the metrics file', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1', 'v2'], running: 'v2' });
  try {
    s.engine.prepareError = new Error('EACCES /var/run/docker.sock');
    await assert.rejects(rollback(s.ctx, { yes: true }), /EACCES/);
    assert.deepEqual(s.metrics().map((m) => [m.status, m.error?.code]), [['failed', 'OPERATION_FAILED']]);
  } finally {
    s.close();
  }
});

// Issue 20 item 2: the y/N question is asked before the lock is taken, so a person who walks away holds
// nothing (emergency, `lock release` and the monitor's rollback never wait behind a prompt); what was
// asked about is checked again once the lock is held.
test('rollback asks its question without holding the lock', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1', 'v2'], running: 'v2' });
  try {
    const locks: unknown[] = [];
    s.ctx.confirm = async () => (locks.push(s.ctx.store.getLock(s.ctx.project.name)), true);
    const r = await rollback(s.ctx, {});
    assert.deepEqual(locks, [null], 'no lock held while the question waits');
    assert.equal(r.status, 'success');
    assert.deepEqual(appliedTags(s).at(-1), { API_IMAGE_TAG: 'v1', WEB_IMAGE_TAG: 'v1' });
  } finally {
    s.close();
  }
});

test('rollback whose stack changed while the question was asked: refused, nothing applied, the refusal recorded', async () => {
  const s = fakeStack({ versions: ['v1', 'v2', 'v3'], history: ['v1', 'v2', 'v3'], running: 'v3' });
  try {
    // while the person reads the question, another operation puts web on v1
    s.ctx.confirm = async () => (s.engine.run('web', 'repo/web:v1'), true);
    await assert.rejects(rollback(s.ctx, {}), (e: unknown) => fails('OPERATION_FAILED')(e) && /planned was v3 → v2/.test((e as RepriseError).message));
    assert.deepEqual(s.engine.calls, [], 'nothing applied');
    assert.equal(s.releases().filter((r) => r.kind === 'rollback').length, 0, 'no release');
    assert.deepEqual(s.metrics().map((m) => [m.status, m.error?.code]), [['failed', 'OPERATION_FAILED']]);
    assert.equal(s.ctx.store.getLock(s.ctx.project.name), null, 'lock released');
  } finally {
    s.close();
  }
});

// Issue 20 item 4: healing an interrupted operation never skips the gate. A rollback to v1 killed after api
// was confirmed healthy and web was recreated but not yet confirmed: the next `rollback --yes` finds every
// service on v1, and web must pass the gate again before the healing release is called a success.
function interruptedRollback(s: FakeStack, o: { to: string; from: string; planned: string[]; done: string[] }): void {
  const rel = s.ctx.store.startRelease({ project: s.ctx.project.name, kind: 'rollback', trigger: 'manual', version: o.to, fromVersion: o.from, startedAt: s.ctx.now().toISOString(), user: 'test', host: s.ctx.host, message: null });
  s.ctx.store.writeJournal({ project: s.ctx.project.name, releaseId: rel.id, kind: 'rollback', version: o.to, fromVersion: o.from, planned: o.planned, done: o.done, step: `applied:${o.planned.at(-1)}`, pid: 2 ** 22 + 7, host: s.ctx.host, startedAt: s.ctx.now().toISOString(), updatedAt: s.ctx.now().toISOString() });
  // every service already runs the target (the killed operation recreated them all)
  s.engine.containerList = s.engine.containerList.filter((c) => c.service === 'db');
  for (const service of ['api', 'web']) s.engine.run(service, `repo/${service}:${o.to}`);
}

test('healing an interrupted rollback: the service it did not confirm passes the gate again; healthy → a recorded success', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1', 'v2'], running: 'v2' });
  try {
    interruptedRollback(s, { to: 'v1', from: 'v2', planned: ['api', 'web'], done: ['api'] });
    const r = await rollback(s.ctx, { yes: true });
    assert.equal(r.status, 'success');
    assert.notEqual(r.releaseId, null, 'a healing release is recorded, not "nothing to change"');
    assert.deepEqual(s.engine.calls.filter((c) => c.method === 'apply').map((c) => (c.args[0] as { services: string[] }).services), [['web']], 'only web, the unconfirmed one');
  } finally {
    s.close();
  }
});

test('healing an interrupted rollback whose unconfirmed service is not healthy: it fails like any release and goes back', async () => {
  const s = fakeStack({ versions: ['v1', 'v2'], history: ['v1', 'v2'], running: 'v2' });
  try {
    interruptedRollback(s, { to: 'v1', from: 'v2', planned: ['api', 'web'], done: ['api'] });
    s.engine.healthOn.set('v1', 'unhealthy');
    await assert.rejects(rollback(s.ctx, { yes: true }), fails('HEALTH_CHECK_FAILED'));
    assert.equal(s.engine.running().web, 'repo/web:v2', 'web put back on what it ran before the interrupted rollback');
    const healing = s.releases().find((r) => r.kind === 'rollback' && r.outcome !== 'interrupted');
    assert.equal(healing?.outcome, 'failed');
  } finally {
    s.close();
  }
});
