// Issue 22, kind: mariadb / mysql, without a server: which credentials and database the container's own
// environment gives the dump (root first, then the application's user, their _FILE forms), that no value is ever
// written in the command, and the file a snapshot goes to. The script runs under a real sh with a stand-in
// client that reports what it was given; the dump and restore themselves are proven on a real MariaDB (32).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotFile } from '../../src/domain/data-snapshot';
import { isMysqlKind, MYSQL_DUMP, mysqlCancelRestore, mysqlRestore } from '../../src/domain/mysql-data';

/** runs MYSQL_DUMP's script with `env` and a stand-in mariadb-dump on PATH: what it was called with */
function dumpWith(env: Record<string, string>): { code: number | null; out: string; err: string } {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-mysql-'));
  try {
    writeFileSync(join(dir, 'mariadb-dump'), '#!/bin/sh\necho "args: $*"\necho "pwd: ${MYSQL_PWD:-<none>}"\n');
    chmodSync(join(dir, 'mariadb-dump'), 0o755);
    const r = spawnSync('sh', ['-c', MYSQL_DUMP[2]], { env: { PATH: `${dir}:/usr/bin:/bin`, ...env }, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the dump uses root when its password is there, else the application user; the database from the environment', () => {
  const root = dumpWith({ MARIADB_ROOT_PASSWORD: 'r00t', MARIADB_USER: 'app', MARIADB_PASSWORD: 'apppw', MARIADB_DATABASE: 'shop' });
  assert.equal(root.code, 0, root.err);
  assert.match(root.out, /^args: -u root .*--single-transaction .*--databases shop$/m);
  assert.match(root.out, /^pwd: r00t$/m);
  const app = dumpWith({ MYSQL_USER: 'app', MYSQL_PASSWORD: 'apppw', MYSQL_DATABASE: 'shop' });
  assert.match(app.out, /^args: -u app .*--databases shop$/m);
  assert.match(app.out, /^pwd: apppw$/m);
});

test('the _FILE forms (Docker secrets) are read; no password at all leaves MYSQL_PWD unset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-mysql-secret-'));
  try {
    writeFileSync(join(dir, 'pw'), 'from-secret');
    const r = dumpWith({ MARIADB_ROOT_PASSWORD_FILE: join(dir, 'pw'), MARIADB_DATABASE: 'shop' });
    assert.match(r.out, /^args: -u root /m);
    assert.match(r.out, /^pwd: from-secret$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const none = dumpWith({ MARIADB_DATABASE: 'shop' });
  assert.match(none.out, /^pwd: <none>$/m);
});

test('no database named in the environment: the dump stops with a line that says so', () => {
  const r = dumpWith({ MARIADB_ROOT_PASSWORD: 'r00t' });
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /no MARIADB_DATABASE or MYSQL_DATABASE in the container environment/);
});

test('no credential value is ever written in a command; the snapshot is a .sql file', () => {
  for (const script of [MYSQL_DUMP, mysqlRestore('/tmp/x'), mysqlCancelRestore('/tmp/x')].map((c) => c.join(' '))) {
    assert.doesNotMatch(script, /MYSQL_PWD=[^"]/);
    assert.doesNotMatch(script, /\s-p\S|--password/);
  }
  assert.ok(isMysqlKind('mysql') && isMysqlKind('mariadb') && !isMysqlKind('postgres'));
  assert.equal(snapshotFile(new Date('2026-12-05T13:00:00Z'), 'v2', 'sql', 'mariadb'), 'backups/20261205T130000Z-v2-sql.sql');
});

/** runs mysqlRestore's script for a dump at `dir/dump` with a stand-in mariadb that records its input and arguments */
function restoreWith(dir: string, env: Record<string, string>): { code: number | null; err: string; got: string | null } {
  writeFileSync(join(dir, 'mariadb'), `#!/bin/sh\n{ echo "args: $*"; cat; } > ${dir}/got\n`);
  chmodSync(join(dir, 'mariadb'), 0o755);
  const r = spawnSync('sh', ['-c', mysqlRestore(join(dir, 'dump'))[2]], { env: { PATH: `${dir}:/usr/bin:/bin`, ...env }, encoding: 'utf8' });
  let got: string | null = null;
  try {
    got = readFileSync(join(dir, 'got'), 'utf8');
  } catch {
    // the client never ran
  }
  return { code: r.status, err: r.stderr, got };
}

test('a restore checks the dump before anything is dropped: missing, empty or cut short, the client never runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-mysql-restore-'));
  try {
    const env = { MARIADB_ROOT_PASSWORD: 'r00t', MARIADB_DATABASE: 'shop' };
    for (const dump of [null, '', 'CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n']) {
      if (dump !== null) writeFileSync(join(dir, 'dump'), dump);
      const r = restoreWith(dir, env);
      assert.equal(r.code, 3, `dump ${JSON.stringify(dump)}: ${r.err}`);
      assert.match(r.err, /the dump in the container is missing, empty or cut short: nothing was dropped/);
      assert.equal(r.got, null, 'the client never ran: nothing was dropped');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a complete dump: the database dropped first (its name quoted as an identifier), then the dump, by a session holding this restore\'s own lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-mysql-restore-'));
  try {
    writeFileSync(join(dir, 'dump'), 'CREATE DATABASE IF NOT EXISTS `x`;\n-- Dump completed on 2026-12-05 13:03:36\n');
    const r = restoreWith(dir, { MARIADB_ROOT_PASSWORD: 'r00t', MARIADB_DATABASE: "a`b'$c\\d" });
    assert.equal(r.code, 0, r.err);
    const [args, drop, ...rest] = (r.got ?? '').split('\n');
    assert.match(args, /^args: -u root --default-character-set=utf8mb4 --init-command=DO GET_LOCK\('reprise-restore-\d+', 0\)$/);
    assert.equal(drop, "DROP DATABASE IF EXISTS `a``b'$c\\d`;");
    assert.equal(rest[0], 'CREATE DATABASE IF NOT EXISTS `x`;');
    assert.ok(!existsSync(join(dir, 'dump')) && !existsSync(join(dir, 'dump.lock')), 'the dump and its lock file are removed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
