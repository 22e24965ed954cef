// Issue 22, first part, on a real PostgreSQL (reprise-postgres:15: Debian's PostgreSQL in an image built here):
//  - a release whose plan runs the migrations takes a pg_dump of the database first, into backups/ (0700, the
//    file 0600), with its size and SHA-256 recorded and listed by `reprise snapshots --json`; the dump is a real
//    one (pg_restore lists the table the test wrote);
//  - rows written under one version survive deploys and rollbacks, and the database container is never recreated;
//  - the database stopped: the snapshot fails, the release stops with nothing changed (one line, exit 1);
//    `--no-snapshot` releases without one, and that is recorded;
//  - the database's password appears in no output;
//  - a restore out of time is stopped and rolled back; named volumes (kind: volume) go out as a tar and back;
//  - a real MariaDB (kind: mariadb, reprise-mariadb:10.11) is dumped and restored, and a restore out of time killed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { botApi, type BotApi } from '../fixtures/bot-api';
import { assertNoSecrets, buildImages, cleanupProject, containerOf, docker, expectCode, infraIds, makeProject, newVersion, plainCompose, portAllocator, reprise, repriseAsync, snapshot, type Project } from './harness';

const ports = portAllocator(32);

/** a row of `reprise snapshots --json` */
interface SnapshotRow {
  id: number;
  service: string;
  kind: string;
  version: string;
  release: number | null;
  created_at: string;
  bytes: number;
  sha256: string;
  path: string;
}

/**
 * Adds a service (its YAML lines, kept as text: a round trip would turn `restart: "no"` into a boolean for compose
 * v1) and its named volumes to the project's compose file; returns the file as written.
 */
function addService(p: Project, lines: string[], volumes: string[]): string {
  const file = join(p.dir, 'docker-compose.yml');
  const compose = readFileSync(file, 'utf8')
    .replace(/^services:\n/m, `services:\n${lines.join('\n')}`)
    .replace(/^volumes:\n/m, `volumes:\n${volumes.map((v) => `  ${v}:\n`).join('')}`);
  writeFileSync(file, compose);
  return compose;
}

const listSnapshots = (p: Project): SnapshotRow[] => expectCode(reprise(p, ['snapshots', '--json']), 0, 'snapshots').json.snapshots;
const skip = docker(['image', 'inspect', 'reprise-postgres:15']).status === 0 ? false : 'reprise-postgres:15 is not built (bash scripts/setup.sh)';

describe('data snapshots before releases that run migrations (real PostgreSQL)', { skip }, () => {
  let p: Project;
  const A = newVersion('a');
  const B = newVersion('b');
  const C = newVersion('c');

  /** psql in the database container, over its local socket (no password needed there, none on a command line) */
  const psql = (sql: string): string => {
    const db = containerOf(p, 'pg');
    assert.ok(db, 'the database runs');
    const r = docker(['exec', db.id, 'psql', '-U', 'recyclic', '-d', 'recyclic', '-At', '-c', sql]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  const history = (): { releases: Array<{ id: number; version: string; outcome: string }>; events: Array<{ type: string; details: Record<string, unknown> }> } =>
    expectCode(reprise(p, ['history', '--json', '--limit', '50']), 0, 'history').json;
  const snapshots = (): SnapshotRow[] => listSnapshots(p);

  before(() => {
    p = makeProject({ label: 'data', ports: ports(0), extraConfig: 'data:\n  services:\n    pg: { kind: postgres }\n  schema: { service: pg, query: "SELECT version_num FROM alembic_version" }\n' });
    // beside the demo's database stand-in (which its apps speak to), a real PostgreSQL holding the data
    const pg = [
      '  pg:',
      '    image: reprise-postgres:15',
      '    environment:',
      '      POSTGRES_USER: recyclic',
      '      POSTGRES_DB: recyclic',
      '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}',
      '    volumes:',
      '      - pg-data:/var/lib/postgresql/data',
      '    healthcheck:',
      '      test: ["CMD-SHELL", "pg_isready -q -h /run/postgresql"]',
      '      interval: 2s',
      '      timeout: 2s',
      '      retries: 5',
      '      start_period: 10s',
      '    restart: unless-stopped',
      '',
    ];
    const compose = addService(p, pg, ['pg-data']);
    assert.ok(compose.includes('reprise-postgres:15') && compose.includes('  pg-data:\n'));
    buildImages(p, [A, B, C]);
  });
  after(() => cleanupProject(p));

  test('the first deploy has nothing to protect: no snapshot; rows are written under A', () => {
    const r = expectCode(reprise(p, ['deploy', A, '--json']), 0, `deploy ${A}`);
    // the data service nothing depends on is started by hand, as an operator would (`up -d pg`)
    const up = plainCompose(p, ['-p', p.name, 'up', '-d', 'pg']);
    assert.equal(up.status, 0, up.stderr);
    for (let i = 0; i < 60 && containerOf(p, 'pg')?.health !== 'healthy'; i++) spawnSync('sleep', ['0.5']);
    assertNoSecrets(p, r, 'deploy A');
    assert.deepEqual(snapshots(), []);
    // no database yet when A was released: its schema head could not be read, and that is only a warning
    assert.match(r.stderr, /warning: the schema head could not be read in pg \(it has no container\)/);
    psql("CREATE TABLE notes (id integer PRIMARY KEY, body text); INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 500) g");
    psql("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY); INSERT INTO alembic_version VALUES ('v1')");
    assert.equal(psql('SELECT count(*) FROM notes'), '500');
  });

  test('deploy B (its migrations run): a pg_dump first, private, recorded, real; the rows and the database container stay', () => {
    const infra = { ...infraIds(p), pg: containerOf(p, 'pg')?.id };
    const r = expectCode(reprise(p, ['deploy', B, '--json']), 0, `deploy ${B}`);
    assertNoSecrets(p, r, 'deploy B');
    assert.match(r.stderr, /Snapshot of pg \(postgres\) before the release/);
    const list = snapshots();
    assert.equal(list.length, 1);
    const s = list[0];
    const release = history().releases.find((x) => x.version === B);
    assert.deepEqual([s.service, s.kind, s.version, s.release], ['pg', 'postgres', B, release?.id ?? -1]);
    assert.match(s.path, new RegExp(`^backups/\\d{8}T\\d{6}Z-${B}-pg\\.dump$`));
    const file = join(p.dir, s.path);
    const bytes = readFileSync(file);
    assert.equal(bytes.length, s.bytes);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), s.sha256);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(p.dir, 'backups')).mode & 0o777, 0o700);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), 'PGDMP', 'a pg_dump custom-format archive');
    // pg_restore reads it: the table written under A is in it
    const db = containerOf(p, 'pg')!;
    const listed = spawnSync('docker', ['exec', '-i', db.id, 'pg_restore', '-l'], { input: bytes, encoding: 'utf8', timeout: 60_000 });
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /TABLE public notes/);
    assert.equal(psql('SELECT count(*) FROM notes'), '500', 'the rows survive the release');
    assert.deepEqual({ ...infraIds(p), pg: containerOf(p, 'pg')?.id }, infra, 'the database containers were not recreated');
  });

  test('rollback to A without --restore-data: the rows stay, a snapshot is taken first', () => {
    psql("INSERT INTO notes VALUES (501, 'written under B')");
    const infra = { ...infraIds(p), pg: containerOf(p, 'pg')?.id };
    expectCode(reprise(p, ['rollback', A, '--yes', '--json']), 0, `rollback ${A}`);
    assert.equal(psql('SELECT count(*) FROM notes'), '501');
    assert.deepEqual({ ...infraIds(p), pg: containerOf(p, 'pg')?.id }, infra);
    assert.equal(snapshots().length, 2);
  });

  test('the database stopped: the snapshot fails, the release stops with nothing changed, one line, exit 1', () => {
    const db = containerOf(p, 'pg')!;
    assert.equal(docker(['stop', '-t', '5', db.id]).status, 0);
    const before = snapshot(p);
    const releases = history().releases.length;
    const r = reprise(p, ['deploy', C]);
    assert.equal(r.code, 1, r.stderr);
    const line = r.stderr.split('\n').find((l) => l.startsWith('OPERATION_FAILED'));
    assert.ok(line, r.stderr);
    assert.match(line, /The snapshot of pg failed before anything changed: .*Nothing was changed\./);
    assert.deepEqual(snapshot(p), before, 'no container changed');
    assert.equal(history().releases.length, releases, 'no release was started');
    assert.ok(!readdirSync(join(p.dir, 'backups')).some((f) => f.includes(C)), 'no partial file left');
    const failed = history().events.find((e) => e.type === 'snapshot_failed');
    assert.equal(failed?.details.version, C, 'the failed snapshot is in the history');
    assert.equal(docker(['start', db.id]).status, 0);
  });

  test('a full disk under backups/: the snapshot fails, the release stops with nothing changed, no partial file', (t) => {
    for (let i = 0; i < 60 && containerOf(p, 'pg')?.health !== 'healthy'; i++) spawnSync('sleep', ['0.5']);
    // backups/ on a 1 MiB tmpfs, filled up: the dump's first write gets ENOSPC
    const dir = join(p.dir, 'backups');
    const kept = join(p.dir, 'backups-kept');
    renameSync(dir, kept);
    mkdirSync(dir, { mode: 0o700 });
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', dir], { encoding: 'utf8' });
    if (mount.status !== 0) {
      rmdirSync(dir);
      renameSync(kept, dir);
      t.skip(`cannot mount a tmpfs here: ${mount.stderr.trim()}`);
      return;
    }
    try {
      const filler = openSync(join(dir, 'filler'), 'w');
      try {
        const chunk = Buffer.alloc(64 * 1024, 1);
        for (;;) writeSync(filler, chunk);
      } catch (e) {
        assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
      } finally {
        closeSync(filler);
      }
      const before = snapshot(p);
      const releases = history().releases.length;
      const count = snapshots().length;
      const r = reprise(p, ['deploy', C]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^OPERATION_FAILED: The snapshot of pg failed before anything changed: .*(ENOSPC|no space left)/im);
      assert.deepEqual(snapshot(p), before, 'no container changed');
      assert.equal(history().releases.length, releases, 'no release was started');
      assert.equal(snapshots().length, count, 'no snapshot recorded');
      assert.deepEqual(readdirSync(dir), ['filler'], 'no partial file left');
    } finally {
      spawnSync('umount', [dir]);
      rmdirSync(dir);
      renameSync(kept, dir);
    }
  });

  test('--no-snapshot releases without one, and the history says so', () => {
    for (let i = 0; i < 60 && containerOf(p, 'pg')?.health !== 'healthy'; i++) spawnSync('sleep', ['0.5']);
    const r = expectCode(reprise(p, ['deploy', C, '--no-snapshot', '--json']), 0, `deploy ${C} --no-snapshot`);
    assert.match(r.stderr, /no snapshot of pg before this release \(--no-snapshot\)/);
    assert.equal(snapshots().length, 2, 'no new snapshot');
    const skipped = history().events.find((e) => e.type === 'snapshot_skipped');
    assert.equal(skipped?.details.version, C);
    assert.equal(psql('SELECT count(*) FROM notes'), '501');
    assert.ok(existsSync(join(p.dir, 'backups')));
  });

  test('rollback --restore-data without a snapshot before the release being undone: refused, exit 2, nothing changed', () => {
    const before = snapshot(p);
    const dry = reprise(p, ['rollback', '--dry-run', '--restore-data']);
    assert.equal(dry.code, 2, `the dry run says it too: ${dry.stderr}`);
    const r = reprise(p, ['rollback', '--yes', '--restore-data']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^USAGE: No data snapshot was taken before the release of /m);
    assert.deepEqual(snapshot(p), before);
  });

  test('a migration adds a column, rows are written; rollback --restore-data brings back the schema and rows of the snapshot, and keeps the moment before', () => {
    expectCode(reprise(p, ['deploy', B, '--json']), 0, `deploy ${B} again`);
    // what B's migrations would do: a column, back-filled, and rows written under B
    psql("ALTER TABLE notes ADD COLUMN weight integer; UPDATE notes SET weight = id * 10; INSERT INTO notes SELECT g, 'under B', g FROM generate_series(502, 510) g; UPDATE alembic_version SET version_num = 'v2'; CREATE TABLE orders (id integer PRIMARY KEY, note_id integer REFERENCES notes (id)); INSERT INTO orders VALUES (1, 502)");
    assert.equal(psql('SELECT count(*) FROM notes'), '510');
    // the plan says which schema the target ran with; without --restore-data, what that means and the choices
    const dry = expectCode(reprise(p, ['rollback', '--dry-run', '--json']), 0, 'rollback --dry-run');
    assert.deepEqual(dry.json.schema, { now: 'v2', target: 'v1', differs: true });
    assert.match(dry.stderr, /^ {2}schema: v2 → v1$/m);
    assert.match(dry.stderr, /warning: \S+ ran with schema v1; the database is at v2\. Its code will run against a newer schema .*--restore-data/);
    const taken = snapshots().find((x) => x.version === B);
    assert.ok(taken, 'the snapshot taken before this release of B');
    const dryData = expectCode(reprise(p, ['rollback', '--dry-run', '--restore-data']), 0, 'rollback --dry-run --restore-data');
    assert.match(dryData.stderr, new RegExp(`restoring pg to snapshot #${taken.id} loses everything written since`));
    const r = expectCode(reprise(p, ['rollback', '--yes', '--restore-data', '--json']), 0, 'rollback --restore-data');
    assertNoSecrets(p, r, 'rollback --restore-data');
    assert.match(r.stderr, /restoring pg to snapshot #\d+ loses everything written since/);
    assert.deepEqual(r.json.schema, { now: 'v2', target: 'v1', differs: true });
    assert.doesNotMatch(r.stderr, /Its code will run against a newer schema/, 'the data goes back too: no schema warning');
    assert.equal(psql('SELECT version_num FROM alembic_version'), 'v1', 'the schema head of the snapshot');
    // a table the migration created since (with a foreign key to a restored one) is gone too
    assert.equal(psql("SELECT coalesce(to_regclass('public.orders')::text, 'none')"), 'none');
    assert.equal(r.json.dataRestored.length, 1);
    assert.deepEqual({ ...r.json.dataRestored[0], safety: undefined }, { ok: true, service: 'pg', snapshot: taken.id, lost_since: taken.created_at, safety: undefined });
    // the schema and rows as they were when the snapshot was taken
    assert.equal(psql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'weight'"), '0');
    assert.equal(psql('SELECT count(*) FROM notes'), '501');
    assert.equal(psql("SELECT body FROM notes WHERE id = 501"), 'written under B');
    // the data of the moment before is kept, and restoring it brings B's column and rows back
    const safety = snapshots().find((x) => x.path === r.json.dataRestored[0].safety);
    assert.ok(safety && safety.path.endsWith('-pg-safety.dump') && existsSync(join(p.dir, safety.path)));
    const events = history().events.filter((e) => e.type === 'data_restored');
    assert.equal(events.length, 1);
    // recorded in the metrics entry of this rollback and in its incident report
    const metrics = JSON.parse(readFileSync(join(p.dir, 'logs', 'rollback-metrics.json'), 'utf8')) as Array<{ version: string; status: string; data_restored?: unknown }>;
    assert.deepEqual(metrics.at(-1)?.data_restored, r.json.dataRestored);
    assert.equal(metrics.at(-1)?.status, 'success');
    assert.ok(r.json.incident, 'an incident report');
    const report = readFileSync(join(p.dir, r.json.incident, 'report.md'), 'utf8');
    assert.ok(report.includes(`- Data: pg restored from snapshot #${taken.id} (taken ${taken.created_at}; writes since then are lost); the data as it was just before: ${safety.path}`), report);
    expectCode(reprise(p, ['snapshots', 'restore', String(safety.id), '--yes', '--json']), 0, 'snapshots restore');
    assert.equal(psql('SELECT count(*) FROM notes'), '510');
    assert.equal(psql('SELECT sum(weight) FROM notes WHERE id <= 10'), '550');
    assert.equal(psql('SELECT note_id FROM orders'), '502');
  });

  test('a restore out of time (data.timeout) is stopped and rolled back: nothing of it runs on, the data stays as it was, even once unblocked', async () => {
    const config = join(p.dir, 'reprise.yml');
    const kept = readFileSync(config, 'utf8');
    writeFileSync(config, `${kept.replace(/\n*$/, '\n')}  timeout: 3s\n`);
    const db = containerOf(p, 'pg')!;
    const target = snapshots().find((x) => x.version === B && !x.path.includes('-safety'))!;
    // another session holds a lock on notes for 8 s: the restore's DROP SCHEMA waits for it past data.timeout
    const holder = new Promise<number | null>((resolve) => {
      const c = spawn('docker', ['exec', db.id, 'psql', '-U', 'recyclic', '-d', 'recyclic', '-c', 'BEGIN; LOCK TABLE notes IN ACCESS SHARE MODE; SELECT pg_sleep(8); COMMIT;'], { stdio: 'ignore' });
      c.on('exit', (code) => resolve(code));
    });
    try {
      for (let i = 0; i < 40 && psql("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'notes' AND l.granted") === '0'; i++) spawnSync('sleep', ['0.1']);
      const r = reprise(p, ['snapshots', 'restore', String(target.id), '--yes']);
      assert.equal(r.code, 1, r.stderr);
      const line = r.stderr.split('\n').find((l) => l.startsWith('OPERATION_FAILED'));
      assert.match(line ?? '', /pg_restore did not end within 3 s \(data\.timeout\): it was stopped and its transaction rolled back/);
      // nothing of the restore runs on in the container (pg_restore, psql)
      let left = '';
      for (let i = 0; i < 50; i++) {
        const ps = docker(['exec', db.id, 'sh', '-c', 'for d in /proc/[0-9]*; do cat $d/cmdline 2>/dev/null; echo; done']);
        left = ps.stdout.split('\n').filter((l) => l.includes('reprise-restore.dump')).map((l) => l.replace(/\0/g, ' ').trim()).join(' | ');
        if (!left) break;
        spawnSync('sleep', ['0.1']);
      }
      assert.equal(left, '', 'no restore process left in the container');
      assert.equal(psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'reprise-restore'"), '0', 'no restore session left');
    } finally {
      assert.equal(await holder, 0, 'the session holding the lock ended normally');
      writeFileSync(config, kept);
    }
    // unblocked now: a restore left running would go through here; the data is B's, as before
    spawnSync('sleep', ['1']);
    assert.equal(psql('SELECT count(*) FROM notes'), '510');
    assert.equal(psql('SELECT note_id FROM orders'), '502');
    assert.equal(psql('SELECT version_num FROM alembic_version'), 'v2');
  });

  test('a dump out of time (data.timeout) is stopped in the container: the restore it was the safety snapshot of does not run', async () => {
    const config = join(p.dir, 'reprise.yml');
    const kept = readFileSync(config, 'utf8');
    writeFileSync(config, `${kept.replace(/\n*$/, '\n')}  timeout: 3s\n`);
    const db = containerOf(p, 'pg')!;
    const target = snapshots().find((x) => x.version === B && !x.path.includes('-safety'))!;
    const count = snapshots().length;
    // another session holds notes exclusively for 8 s: pg_dump (the safety snapshot) waits for it past data.timeout
    const holder = new Promise<number | null>((resolve) => {
      const c = spawn('docker', ['exec', db.id, 'psql', '-U', 'recyclic', '-d', 'recyclic', '-c', 'BEGIN; LOCK TABLE notes IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(8); COMMIT;'], { stdio: 'ignore' });
      c.on('exit', (code) => resolve(code));
    });
    try {
      for (let i = 0; i < 40 && docker(['exec', db.id, 'psql', '-U', 'recyclic', '-d', 'recyclic', '-At', '-c', "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'notes' AND l.mode = 'AccessExclusiveLock' AND l.granted"]).stdout.trim() === '0'; i++) spawnSync('sleep', ['0.1']);
      const r = reprise(p, ['snapshots', 'restore', String(target.id), '--yes']);
      assert.equal(r.code, 1, r.stderr);
      const line = r.stderr.split('\n').find((l) => l.startsWith('OPERATION_FAILED'));
      assert.match(line ?? '', /the safety snapshot failed \(pg_dump did not end within 3 s \(data\.timeout\) and was stopped\), nothing was restored/);
      // the pg_dump reprise stopped waiting for is not left running in the container
      const ps = docker(['exec', db.id, 'sh', '-c', 'for d in /proc/[0-9]*; do cat $d/cmdline 2>/dev/null; echo; done']);
      assert.equal(ps.stdout.split('\n').filter((l) => l.startsWith('pg_dump')).join(' | '), '', 'no pg_dump left in the container');
      assert.equal(snapshots().length, count, 'no snapshot recorded, no partial file kept');
    } finally {
      assert.equal(await holder, 0, 'the session holding the lock ended normally');
      writeFileSync(config, kept);
    }
    assert.equal(psql('SELECT count(*) FROM notes'), '510', 'nothing was restored');
  });

  test('prune removes the snapshots of the versions it removes, never the newest one, and says so', () => {
    // C, released with its snapshot: current C, previous A; B is old
    expectCode(reprise(p, ['deploy', C, '--json']), 0, `deploy ${C}`);
    const before = snapshots();
    const ofB = before.filter((x) => x.version === B);
    assert.ok(ofB.length >= 2, 'B had snapshots');
    const dry = expectCode(reprise(p, ['prune', '--keep', '1', '--dry-run', '--json']), 0, 'prune --dry-run');
    const wouldB = dry.json.removed.find((v: { version: string }) => v.version === B);
    assert.deepEqual([...wouldB.snapshots].sort(), ofB.map((x) => x.path).sort());
    assert.deepEqual(snapshots(), before, 'a dry run removes nothing');
    const r = expectCode(reprise(p, ['prune', '--keep', '1', '--json']), 0, 'prune');
    assert.match(r.stderr, /and its data snapshot\(s\): /);
    const after = snapshots();
    assert.deepEqual(after.map((x) => x.id), before.filter((x) => x.version !== B).map((x) => x.id));
    for (const x of ofB) assert.ok(!existsSync(join(p.dir, x.path)), `${x.path} removed`);
    for (const x of after) assert.ok(existsSync(join(p.dir, x.path)), `${x.path} kept`);
    assert.ok(after.some((x) => x.version === C), 'the newest snapshot stays');
  });
});

describe('data snapshots of a real Redis (kind: redis)', { skip: docker(['image', 'inspect', 'reprise-redis:7']).status === 0 ? false : 'reprise-redis:7 is not built (bash scripts/setup.sh)' }, () => {
  let p: Project;
  const A = newVersion('ra');
  const B = newVersion('rb');
  /** redis-cli in the container, its password from the container's environment (none on a command line) */
  const cli = (...args: string[]): string => {
    const kv = containerOf(p, 'kv');
    assert.ok(kv, 'redis runs');
    const r = docker(['exec', kv.id, 'sh', '-c', 'REDISCLI_AUTH="$REDIS_PASSWORD" exec redis-cli --no-auth-warning "$@"', 'redis-cli', ...args]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  const snapshots = (): SnapshotRow[] => listSnapshots(p);

  let hook: BotApi;

  before(async () => {
    // a webhook on 127.0.0.1, for what a failed data restore tells the team (configured by that test)
    hook = await botApi('hook', 'ok');
    p = makeProject({ label: 'redis', ports: ports(1), extraConfig: 'data:\n  services:\n    kv: { kind: redis }\n' });
    const kv = ['  kv:', '    image: reprise-redis:7', '    environment:', '      REDIS_PASSWORD: ${POSTGRES_PASSWORD}', '    volumes:', '      - kv-data:/data', '    restart: unless-stopped', ''];
    addService(p, kv, ['kv-data']);
    buildImages(p, [A, B]);
  });
  after(() => {
    hook.close();
    cleanupProject(p);
  });

  test('BGSAVE + copy before a release that runs migrations; rollback --restore-data puts the keys back, the container kept', () => {
    expectCode(reprise(p, ['deploy', A, '--json']), 0, `deploy ${A}`);
    assert.equal(plainCompose(p, ['-p', p.name, 'up', '-d', 'kv']).status, 0);
    for (let i = 0; i < 60 && containerOf(p, 'kv')?.health !== 'healthy'; i++) spawnSync('sleep', ['0.5']);
    cli('SET', 'under', 'A');
    const id = containerOf(p, 'kv')!.id;
    const r = expectCode(reprise(p, ['deploy', B, '--json']), 0, `deploy ${B}`);
    assertNoSecrets(p, r, 'deploy B (redis)');
    const [s] = snapshots();
    assert.deepEqual([s.service, s.kind, s.version], ['kv', 'redis', B]);
    assert.match(s.path, new RegExp(`^backups/\\d{8}T\\d{6}Z-${B}-kv\\.rdb$`));
    const bytes = readFileSync(join(p.dir, s.path));
    assert.equal(bytes.subarray(0, 5).toString('latin1'), 'REDIS', 'an RDB file');
    assert.equal(createHash('sha256').update(bytes).digest('hex'), s.sha256);
    assert.equal(statSync(join(p.dir, s.path)).mode & 0o777, 0o600);
    // written under B, then the data goes back with the code
    cli('SET', 'under', 'B');
    cli('SET', 'only', 'B');
    const back = expectCode(reprise(p, ['rollback', '--yes', '--restore-data', '--json']), 0, 'rollback --restore-data (redis)');
    assertNoSecrets(p, back, 'rollback --restore-data (redis)');
    assert.deepEqual(back.json.dataRestored.map((d: { service: string; ok: boolean }) => [d.service, d.ok]), [['kv', true]]);
    assert.equal(cli('GET', 'under'), 'A');
    assert.equal(cli('EXISTS', 'only'), '0');
    assert.equal(containerOf(p, 'kv')?.id, id, 'the container was restarted, not recreated');
    // the moment before is kept, and restoring it brings B's keys back
    const safety = snapshots().find((x) => x.path === back.json.dataRestored[0].safety);
    assert.ok(safety && safety.path.endsWith('-kv-safety.rdb'));
    expectCode(reprise(p, ['snapshots', 'restore', String(safety.id), '--yes']), 0, 'snapshots restore (redis)');
    assert.equal(cli('GET', 'only'), 'B');
  });
  test('a data restore that fails (appendonly on): the code rollback stands, exit 1 with the records, and the team is told the data did not come back', async () => {
    // the webhook answers from this process: reprise runs beside it (repriseAsync), never blocking it
    appendFileSync(join(p.dir, 'reprise.yml'), `notifications:\n  webhook: { url: "${hook.url}/bothook/sendMessage" }\n`);
    expectCode(await repriseAsync(p, ['deploy', B, '--json'], {}), 0, `deploy ${B} again`);
    const taken = snapshots().find((x) => x.version === B && !x.path.includes('-safety.'));
    assert.ok(taken);
    cli('CONFIG', 'SET', 'appendonly', 'yes');
    const sent = hook.received.length;
    try {
      const r = await repriseAsync(p, ['rollback', '--yes', '--restore-data', '--json'], {});
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.json.error.code, 'OPERATION_FAILED');
      assert.match(r.json.error.message, /appendonly is on/);
      assert.equal(r.json.error.details.codeRolledBack, true);
      assert.deepEqual(r.json.error.details.dataRestored.map((d: { service: string; ok: boolean }) => [d.service, d.ok]), [['kv', false]]);
      assertNoSecrets(p, r, 'failed data restore (redis)');
      // the code went back: the versioned services run A
      assert.match(containerOf(p, 'api')?.image ?? '', new RegExp(`:${A}$`));
      // the message is not a plain success: it names the data that did not come back, and is urgent
      const msgs = hook.received.slice(sent).map((m) => m.body as { type: string; urgent: boolean; text: string; dataNotRestored?: string[] });
      const rb = msgs.find((m) => m.type === 'rollback_success');
      assert.ok(rb, `a rollback message was sent (${msgs.map((m) => m.type).join(', ')})`);
      assert.equal(rb.urgent, true);
      assert.deepEqual(rb.dataNotRestored, ['kv']);
      assert.match(rb.text, /Status: Code rolled back; data of kv NOT restored/);
      assert.match(rb.text, /snapshots restore ID/);
    } finally {
      cli('CONFIG', 'SET', 'appendonly', 'no');
    }
  });
});

describe('data snapshots of named volumes (kind: volume)', { skip }, () => {
  let p: Project;
  const A = newVersion('va');
  const B = newVersion('vb');
  /** a shell in the files service (as root: the volumes are root's) */
  const sh = (script: string): string => {
    const c = containerOf(p, 'files');
    assert.ok(c, 'the files service runs');
    const r = docker(['exec', c.id, 'sh', '-c', script]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  const tree = (): string => sh('for f in /srv/files/* /srv/files/sub/* /data/.[!.]* /data/*; do [ -f "$f" ] && echo "$f=$(cat "$f")"; done; true');
  const snapshots = (): SnapshotRow[] => listSnapshots(p);

  before(() => {
    p = makeProject({ label: 'vol', ports: ports(2), extraConfig: 'data:\n  services:\n    files: { kind: volume }\n' });
    // a service whose data is files on two named volumes (an image with sh and rm: reprise's postgres one)
    const files = [
      '  files:',
      '    image: reprise-postgres:15',
      '    user: "0"',
      '    entrypoint: ["sh", "-c", "trap \'exit 0\' TERM; while :; do sleep 1; done"]',
      '    volumes:',
      '      - files-data:/srv/files',
      '      - files-more:/data',
      '    restart: unless-stopped',
      '',
    ];
    addService(p, files, ['files-data', 'files-more']);
    buildImages(p, [A, B]);
  });
  after(() => cleanupProject(p));

  test('a tar of the volumes before a release that runs migrations; --restore-data empties and refills them, the container kept', () => {
    expectCode(reprise(p, ['deploy', A, '--json']), 0, `deploy ${A}`);
    assert.equal(plainCompose(p, ['-p', p.name, 'up', '-d', 'files']).status, 0);
    sh('mkdir -p /srv/files/sub && echo A > /srv/files/a.txt && echo B1 > /srv/files/sub/b.txt && echo hidden > /data/.hidden');
    const under = tree();
    const id = containerOf(p, 'files')!.id;

    const r = expectCode(reprise(p, ['deploy', B, '--json']), 0, `deploy ${B}`);
    assertNoSecrets(p, r, 'deploy B (volume)');
    const [s] = snapshots();
    assert.deepEqual([s.service, s.kind, s.version], ['files', 'volume', B]);
    assert.match(s.path, new RegExp(`^backups/\\d{8}T\\d{6}Z-${B}-files\\.tar$`));
    const file = join(p.dir, s.path);
    const bytes = readFileSync(file);
    assert.equal(bytes.length, s.bytes);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), s.sha256);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const listing = spawnSync('tar', ['-tf', file], { encoding: 'utf8' }).stdout.split('\n');
    for (const entry of ['srv/files/a.txt', 'srv/files/sub/b.txt', 'data/.hidden']) assert.ok(listing.includes(entry), `${entry} in ${listing.join(' ')}`);
    assert.equal(containerOf(p, 'files')?.id, id, 'not recreated');
    assert.equal(containerOf(p, 'files')?.state, 'running', 'running again after the snapshot (it was paused)');

    // what B does to the files: one changed, one added, one removed
    sh('echo changed > /srv/files/a.txt && echo new > /srv/files/new.txt && rm /data/.hidden');
    const underB = tree();
    assert.notEqual(underB, under);
    const back = expectCode(reprise(p, ['rollback', '--yes', '--restore-data', '--json']), 0, 'rollback --restore-data (volume)');
    assertNoSecrets(p, back, 'rollback --restore-data (volume)');
    assert.equal(back.json.dataRestored?.[0]?.ok, true, JSON.stringify(back.json.dataRestored));
    assert.equal(containerOf(p, 'files')?.id, id, 'the same container, started again');
    assert.equal(containerOf(p, 'files')?.state, 'running');
    assert.equal(tree(), under, 'the files exactly as at the snapshot: the added one gone, the removed one back');

    const safety = snapshots().find((x) => x.path === back.json.dataRestored[0].safety);
    assert.ok(safety && safety.path.endsWith('-files-safety.tar'));
    expectCode(reprise(p, ['snapshots', 'restore', String(safety.id), '--yes']), 0, 'snapshots restore (volume)');
    assert.equal(tree(), underB, 'the safety snapshot brings B\'s files back');
  });
});

describe('data snapshots of a real MariaDB (kind: mariadb)', { skip: docker(['image', 'inspect', 'reprise-mariadb:10.11']).status === 0 ? false : 'reprise-mariadb:10.11 is not built (bash scripts/setup.sh)' }, () => {
  let p: Project;
  const A = newVersion('ma');
  const B = newVersion('mb');
  /** the mariadb client in the container as the application's user, its password from the container's environment */
  const sql = (query: string): string => {
    const c = containerOf(p, 'sql');
    assert.ok(c, 'mariadb runs');
    const r = docker(['exec', c.id, 'sh', '-c', 'MYSQL_PWD="$MARIADB_PASSWORD" exec mariadb -u recyclic -N -B recyclic -e "$1"', 'sql', query]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  const state = (): string => sql("SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'recyclic'") + ' | ' + sql('SELECT * FROM items ORDER BY id');
  const snapshots = (): SnapshotRow[] => listSnapshots(p);

  before(() => {
    p = makeProject({ label: 'maria', ports: ports(3), extraConfig: 'data:\n  services:\n    sql: { kind: mariadb }\n  schema_head: ["SELECT version FROM schema_version"]\n' });
    const service = [
      '  sql:',
      '    image: reprise-mariadb:10.11',
      '    environment:',
      '      MARIADB_ROOT_PASSWORD: ${POSTGRES_PASSWORD}',
      '      MARIADB_DATABASE: recyclic',
      '      MARIADB_USER: recyclic',
      '      MARIADB_PASSWORD: ${POSTGRES_PASSWORD}',
      '    volumes:',
      '      - sql-data:/var/lib/mysql',
      '    restart: unless-stopped',
      '',
    ];
    addService(p, service, ['sql-data']);
    buildImages(p, [A, B]);
  });
  after(() => cleanupProject(p));

  test('mariadb-dump before a release that runs migrations; --restore-data brings back the tables and rows, the container kept', () => {
    expectCode(reprise(p, ['deploy', A, '--json']), 0, `deploy ${A}`);
    assert.equal(plainCompose(p, ['-p', p.name, 'up', '-d', 'sql']).status, 0);
    for (let i = 0; i < 120 && containerOf(p, 'sql')?.health !== 'healthy'; i++) spawnSync('sleep', ['0.5']);
    sql("CREATE TABLE schema_version (version varchar(32)); INSERT INTO schema_version VALUES ('v1'); CREATE TABLE items (id int PRIMARY KEY, label text, raw blob); INSERT INTO items VALUES (1, 'l''un', X'00ff10'), (2, 'deux', NULL)");
    const under = state();
    const id = containerOf(p, 'sql')!.id;

    const r = expectCode(reprise(p, ['deploy', B, '--json']), 0, `deploy ${B}`);
    assertNoSecrets(p, r, 'deploy B (mariadb)');
    const [s] = snapshots();
    assert.deepEqual([s.service, s.kind, s.version], ['sql', 'mariadb', B]);
    assert.match(s.path, new RegExp(`^backups/\\d{8}T\\d{6}Z-${B}-sql\\.sql$`));
    const file = join(p.dir, s.path);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /CREATE TABLE `items`/);
    assert.match(text, /INSERT INTO `items` VALUES\s*\(1,'l\\'un',0x00FF10\)/);
    assert.equal(createHash('sha256').update(readFileSync(file)).digest('hex'), s.sha256);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(containerOf(p, 'sql')?.id, id, 'not recreated');

    // B's migration: a column, a table, rows
    sql("ALTER TABLE items ADD COLUMN weight int; INSERT INTO items VALUES (3, 'trois', NULL, 7); CREATE TABLE extra (x int); UPDATE schema_version SET version = 'v2'");
    const underB = state();
    // the head the database has now, read by reprise through the container's mariadb client (schema_head)
    const dry = expectCode(reprise(p, ['rollback', '--dry-run', '--json']), 0, 'rollback --dry-run (mariadb)');
    assert.equal(dry.json.schema?.now, 'v2', JSON.stringify(dry.json.schema));
    const back = expectCode(reprise(p, ['rollback', '--yes', '--restore-data', '--json']), 0, 'rollback --restore-data (mariadb)');
    assertNoSecrets(p, back, 'rollback --restore-data (mariadb)');
    assert.equal(back.json.dataRestored?.[0]?.ok, true, JSON.stringify(back.json.dataRestored));
    assert.equal(containerOf(p, 'sql')?.id, id, 'the same container');
    assert.equal(state(), under, 'the tables and rows of the snapshot: the column, the table and the row B added are gone');
    assert.equal(sql('SELECT version FROM schema_version'), 'v1');

    const safety = snapshots().find((x) => x.path === back.json.dataRestored[0].safety);
    assert.ok(safety && safety.path.endsWith('-sql-safety.sql'));
    expectCode(reprise(p, ['snapshots', 'restore', String(safety.id), '--yes']), 0, 'snapshots restore (mariadb)');
    assert.equal(state(), underB, 'the safety snapshot brings B\'s tables and rows back');
  });

  test('a restore out of time (data.timeout) is stopped: its session killed, nothing of it runs on, the data unchanged', async () => {
    const config = join(p.dir, 'reprise.yml');
    const kept = readFileSync(config, 'utf8');
    writeFileSync(config, `${kept.replace(/\n*$/, '\n')}  timeout: 3s\n`);
    const c = containerOf(p, 'sql')!;
    const target = snapshots().find((x) => x.version === B && !x.path.includes('-safety'))!;
    const before = state();
    // another session reads items in an open transaction for 8 s: the restore's DROP DATABASE waits for it
    const holder = new Promise<number | null>((resolve) => {
      const h = spawn('docker', ['exec', c.id, 'sh', '-c', 'MYSQL_PWD="$MARIADB_PASSWORD" exec mariadb -u recyclic recyclic -e "START TRANSACTION; SELECT COUNT(*) FROM items; DO SLEEP(8); COMMIT;"'], { stdio: 'ignore' });
      h.on('exit', (code) => resolve(code));
    });
    try {
      for (let i = 0; i < 40 && sql("SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'DO SLEEP%'") === '0'; i++) spawnSync('sleep', ['0.1']);
      const r = reprise(p, ['snapshots', 'restore', String(target.id), '--yes']);
      assert.equal(r.code, 1, r.stderr);
      const line = r.stderr.split('\n').find((l) => l.startsWith('OPERATION_FAILED'));
      assert.match(line ?? '', /the mariadb client did not end within 3 s \(data\.timeout\): it was stopped \(MariaDB and MySQL commit each table as it is created: the database may be partly restored\)/);
      assertNoSecrets(p, r, 'restore out of time (mariadb)');
      // as root (who sees every session): none but this one is left — the restore's was killed
      const root = docker(['exec', c.id, 'sh', '-c', 'MYSQL_PWD="$MARIADB_ROOT_PASSWORD" exec mariadb -u root -N -B -e "SELECT COUNT(*) FROM information_schema.processlist WHERE user = \'root\' AND id <> CONNECTION_ID()"']);
      assert.equal(root.stdout.trim(), '0', `no restore session left: ${root.stderr}`);
      const ps = docker(['exec', c.id, 'sh', '-c', 'for d in /proc/[0-9]*; do cat $d/cmdline 2>/dev/null; echo; done']);
      assert.equal(ps.stdout.split('\n').filter((l) => l.includes('reprise-restore')).join(' | '), '', 'no restore process left in the container');
    } finally {
      assert.equal(await holder, 0, 'the session holding the lock ended normally');
      writeFileSync(config, kept);
    }
    spawnSync('sleep', ['1']);
    assert.equal(state(), before, 'the DROP DATABASE never ran: the data is as it was, even once unblocked');
  });
});
