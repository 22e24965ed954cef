// Issue 22 (first part), the decisions without a database: when a release snapshots its data, the file's name,
// the dump command (no credential in it), and a snapshot that cannot be taken stopping the release with nothing
// changed (the fake engine has no database: its dump always fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deploy } from '../../src/commands/deploy';
import { DUMP_CANCEL, DUMP_PID, parseRedisConfig, parseRedisInfo, POSTGRES_DUMP, redisCli, snapshotFile, snapshotNeeded, snapshotsToPrune, withDumpPid } from '../../src/domain/data-snapshot';
import { isRepriseError } from '../../src/domain/errors';
import { fakeStack } from './fake-engine';

const step = (oneShot: boolean) => ({ service: oneShot ? 'migrations' : 'api', fromVersion: 'v1', version: 'v2', oneShot });

test('a snapshot is taken before a release that runs migrations, or always, never with `never` or nothing to change', () => {
  assert.equal(snapshotNeeded({ steps: [step(false), step(true)], fromVersion: 'v1' }, undefined), true);
  assert.equal(snapshotNeeded({ steps: [step(false)], fromVersion: 'v1' }, 'migrations'), false);
  assert.equal(snapshotNeeded({ steps: [step(false)], fromVersion: 'v1' }, 'always'), true);
  assert.equal(snapshotNeeded({ steps: [step(true)], fromVersion: 'v1' }, 'never'), false);
  assert.equal(snapshotNeeded({ steps: [], fromVersion: 'v1' }, 'always'), false);
});

test('the file name and the dump command: the container\'s own variables, no value', () => {
  assert.equal(snapshotFile(new Date('2026-12-03T20:05:29.123Z'), 'abc1234', 'db', 'postgres'), 'backups/20261203T200529Z-abc1234-db.dump');
  const script = POSTGRES_DUMP.join(' ');
  assert.match(script, /pg_dump -Fc/);
  assert.doesNotMatch(script, /PASSWORD|PGPASSWORD/);
});

test('a dump leaves its process id where a dump out of time is found; only a dump is ever stopped', () => {
  const cmd = withDumpPid(POSTGRES_DUMP);
  assert.deepEqual(cmd.slice(0, 2), ['sh', '-c']);
  assert.equal(cmd[2], `{ echo $$ > ${DUMP_PID}; } 2>/dev/null; ${POSTGRES_DUMP[2]}`);
  assert.match(POSTGRES_DUMP[2], /^exec pg_dump/, 'exec: the id written is the dump\'s own');
  assert.match(DUMP_CANCEL[2], /grep -q dump \/proc\/\$p\/cmdline 2>\/dev\/null && kill \$p/);
  assert.match(DUMP_CANCEL[2], /\*\[!0-9\]\*\) exit 0/, 'a file that is not a number kills nothing');
});

test('a snapshot that cannot be taken (the database stopped) stops the release: OPERATION_FAILED, nothing changed', async () => {
  const s = fakeStack({ running: 'v1', versions: ['v1', 'v2'], history: ['v1'], reprise: 'data:\n  snapshot: always\n  services:\n    db: { kind: postgres }\n' });
  try {
    s.engine.containerList.find((c) => c.service === 'db')!.state = 'exited';
    const releases = s.releases().length;
    await assert.rejects(deploy(s.ctx, { version: 'v2' }), (e: unknown) => {
      assert.ok(isRepriseError(e));
      assert.equal(e.code, 'OPERATION_FAILED');
      assert.match(e.message, /The snapshot of db failed before anything changed: its container is exited/);
      return true;
    });
    assert.deepEqual(s.engine.calls, [], 'no engine call changed the stack');
    assert.equal(s.releases().length, releases, 'no release started');
    assert.ok(!existsSync(join(s.dir, 'backups')) || readdirSync(join(s.dir, 'backups')).length === 0);
    // --no-snapshot goes ahead, and says so in the history
    await deploy(s.ctx, { version: 'v2', noSnapshot: true });
    assert.ok(s.ctx.store.listEvents(s.ctx.project.name, { type: 'snapshot_skipped' }).length === 1);
  } finally {
    s.close();
  }
});

test('the restore command and which snapshot a rollback --restore-data restores', async () => {
  const { parseOwner, postgresCancelRestore, postgresRestore } = await import('../../src/domain/data-snapshot');
  const { isSafety, snapshotsBefore } = await import('../../src/release/apply/data-restore');
  const script = postgresRestore('/tmp/reprise-restore.dump').join(' ');
  assert.match(script, /pg_restore --no-owner -f \S+ \/tmp\/reprise-restore.dump && \[ ! -e \/tmp\/reprise-restore.dump.cancel \] && PGAPPNAME=reprise-restore psql -X -q -1 -v ON_ERROR_STOP=1 .* -c 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;' -f /);
  // out of time: the mark stops it before psql, PostgreSQL ends its session (the transaction rolled back)
  const cancel = postgresCancelRestore('/tmp/reprise-restore.dump').join(' ');
  assert.match(cancel, /: > \/tmp\/reprise-restore.dump.cancel; exec psql .*pg_terminate_backend\(pid\).*application_name = 'reprise-restore'/);
  assert.deepEqual(parseOwner('999 999\n'), { uid: 999, gid: 999 });
  assert.deepEqual(parseOwner('0 0'), { uid: 0, gid: 0 });
  assert.equal(parseOwner('sh: id: not found'), null);
  assert.doesNotMatch(script, /PASSWORD/);
  const s = fakeStack({ running: 'v2', versions: ['v1', 'v2'], history: ['v1', 'v2'] });
  try {
    const [r1, r2] = s.releases().sort((a, b) => a.id - b.id).map((r) => r.id);
    const add = (version: string, path: string, service = 'db', releaseId: number | null = null) =>
      s.ctx.store.addSnapshot({ project: s.ctx.project.name, service, kind: service === 'db' ? 'postgres' : 'redis', version, createdAt: new Date().toISOString(), bytes: 1, sha256: 'x', path, releaseId });
    add('v2', 'backups/1-v2-db.dump', 'db', r1);
    const linked = add('v2', 'backups/2-v2-db.dump', 'db', r2);
    // unlinked (a deploy stopped by another service's failed snapshot) and safety ones are never chosen
    add('v2', 'backups/3-v2-db.dump');
    add('v2', 'backups/4-v2-db-safety.dump', 'db', r2);
    assert.deepEqual(snapshotsBefore(s.ctx, 'v2').map((x) => x.id), [linked.id], 'the one taken for the release that put v2 in place');
    assert.deepEqual(snapshotsBefore(s.ctx, 'v3'), []);
    assert.deepEqual(snapshotsBefore(s.ctx, null), []);
    // two data services snapshotted for the same release: both are restored, in the order they were taken
    const db = add('v1', 'backups/5-v1-db.dump', 'db', r1);
    const kv = add('v1', 'backups/5-v1-kv.rdb', 'kv', r1);
    assert.deepEqual(snapshotsBefore(s.ctx, 'v1').map((x) => x.id), [db.id, kv.id]);
    // a version named like a safety file is not one
    assert.equal(isSafety({ service: 'db', path: 'backups/6-1.2-safety.3-db.dump' }), false);
    assert.equal(isSafety({ service: 'db', path: 'backups/6-v1-db-safety.dump' }), true);
  } finally {
    s.close();
  }
});

test('snapshotsToPrune: the snapshots of removed versions go, never the newest of a service', () => {
  const s = (id: number, service: string, version: string) => ({ id, service, version });
  const all = [s(6, 'db', 'c'), s(5, 'db', 'b'), s(4, 'cache', 'a'), s(3, 'db', 'a'), s(2, 'db', 'a'), s(1, 'db', 'old')];
  assert.deepEqual(snapshotsToPrune(all, ['a', 'old']).map((x) => x.id), [3, 2, 1]);
  // the newest of db is kept even though its version is removed
  assert.deepEqual(snapshotsToPrune(all, ['c']).map((x) => x.id), []);
  assert.deepEqual(snapshotsToPrune(all, []).map((x) => x.id), []);
});

test('redis: redis-cli gets the container\'s password from its environment, INFO and CONFIG GET are read', () => {
  const cmd = redisCli(['BGSAVE']);
  assert.equal(cmd.at(-1), 'BGSAVE');
  assert.match(cmd[2], /REDISCLI_AUTH="\$REDIS_PASSWORD"/);
  const info = parseRedisInfo('# Persistence\r\nrdb_bgsave_in_progress:0\r\nrdb_saves:3\r\nrdb_last_bgsave_status:ok\r\n');
  assert.equal(info.get('rdb_saves'), '3');
  assert.equal(info.get('rdb_last_bgsave_status'), 'ok');
  assert.equal(parseRedisConfig('dir\n/data\n', 'dir'), '/data');
  assert.equal(parseRedisConfig('', 'dir'), null);
  assert.equal(snapshotFile(new Date('2026-12-04T05:06:07Z'), 'v1', 'kv', 'redis'), 'backups/20261204T050607Z-v1-kv.rdb');
});

test('a restore whose safety snapshot fails says so in one sentence, restores nothing, and the event names it', async () => {
  const { restoreSnapshot } = await import('../../src/release/apply/data-restore');
  const { createHash } = await import('node:crypto');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const s = fakeStack({ running: 'v2', versions: ['v1', 'v2'], history: ['v1', 'v2'], reprise: 'data:\n  services:\n    db: { kind: postgres }\n' });
  try {
    mkdirSync(join(s.dir, 'backups'), { mode: 0o700 });
    writeFileSync(join(s.dir, 'backups/1-v2-db.dump'), 'PGDMP archive');
    const taken = s.ctx.store.addSnapshot({ project: s.ctx.project.name, service: 'db', kind: 'postgres', version: 'v2', createdAt: new Date().toISOString(), bytes: 13, sha256: createHash('sha256').update('PGDMP archive').digest('hex'), path: 'backups/1-v2-db.dump', releaseId: null });
    // the fake engine's dump always fails: the safety snapshot cannot be taken
    await assert.rejects(restoreSnapshot(s.ctx, taken, 'v2', 'test'), (e: unknown) => {
      assert.ok(isRepriseError(e));
      assert.equal(e.code, 'OPERATION_FAILED');
      assert.match(e.message, new RegExp(`^OPERATION_FAILED: Restoring db from snapshot #${taken.id} failed: the safety snapshot failed \\(.+\\), nothing was restored\\.$`));
      assert.doesNotMatch(e.message, /\.\./, 'one sentence, one period');
      return true;
    });
    assert.equal(s.ctx.store.listEvents(s.ctx.project.name, { type: 'data_restore_failed' }).length, 1);
  } finally {
    s.close();
  }
});

test('rollback --restore-data whose target fails its health check: the data stays, and the warning says to restore it first, then roll back', async () => {
  const { rollback } = await import('../../src/commands/rollback');
  const s = fakeStack({ running: 'v2', versions: ['v1', 'v2'], history: ['v1', 'v2'], reprise: 'data:\n  snapshot: never\n  services:\n    db: { kind: postgres }\n' });
  try {
    const v2 = s.releases().find((r) => r.version === 'v2')!;
    const taken = s.ctx.store.addSnapshot({ project: s.ctx.project.name, service: 'db', kind: 'postgres', version: 'v2', createdAt: new Date().toISOString(), bytes: 1, sha256: 'x', path: 'backups/1-v2-db.dump', releaseId: v2.id });
    s.engine.healthOn.set('v1', 'unhealthy');
    await assert.rejects(rollback(s.ctx, { yes: true, restoreData: true }), (e: unknown) => isRepriseError(e) && e.code === 'HEALTH_CHECK_FAILED');
    const line = s.lines.find((l) => l.includes('was not restored'));
    assert.equal(line, `warning: the data of db was not restored: the rollback to v1 failed before it. If its code cannot run against the newer schema, restore the data first — reprise snapshots restore ${taken.id} — then run the rollback again without --restore-data.`);
    assert.equal(s.ctx.store.listEvents(s.ctx.project.name, { type: 'data_restored' }).length, 0, 'nothing restored');
  } finally {
    s.close();
  }
});
