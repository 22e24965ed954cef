// Issue 22, the demo stack's own data: its db is a real PostgreSQL and its cache a real Redis, its api reads and
// writes the `deposits` table, and its migrations service really changes the schema (v1 creates the table, v2
// adds `weight_kg` and back-fills it). With the demo's `data:` (db: postgres, cache: redis, the schema head read
// from alembic_version):
//  - rows written through the api under v1 are in the database; v2's release takes a pg_dump and an RDB copy
//    first, and its migration adds the column and back-fills it;
//  - rollback --restore-data brings back v1's schema and rows exactly as they were at the snapshot, keeps the
//    moment before (safety snapshots), and neither container is recreated;
//  - v2 again, then a rollback without --restore-data: v1's code runs on v2's schema, every row is kept, and the
//    plan said so (schema: 0002 → 0001).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { assertNoSecrets, buildImages, cleanupProject, containerOf, docker, expectCode, infraIds, makeProject, newVersion, portAllocator, reprise, type Project } from './harness';

const ports = portAllocator(33);
const DATA = ['data:', '  services:', '    db: { kind: postgres }', '    cache: { kind: redis }', '  schema: { service: db, query: "SELECT version_num FROM alembic_version" }', ''].join('\n');

interface Deposit {
  id: string;
  item: string;
  weight_kg?: string | null;
  created_at: string;
}

describe('the demo stack: a real PostgreSQL written by the api, a migration, rollback with and without its data', () => {
  let p: Project;
  const V1 = newVersion('d1');
  const V2 = newVersion('d2');

  /** psql in the db container over its local socket (no password there, none on a command line) */
  const psql = (sql: string): string => {
    const db = containerOf(p, 'db');
    assert.ok(db, 'the database runs');
    const r = docker(['exec', db.id, 'psql', '-X', '-U', 'recyclic', '-d', 'recyclic', '-At', '-c', sql]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  /** one request through the proxy, on a connection of its own (nginx's reload at a release closes idle ones) */
  const api = (path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        { host: '127.0.0.1', port: p.ports.api, path, method: payload ? 'POST' : 'GET', agent: false, timeout: 10_000, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            try {
              resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> });
            } catch {
              reject(new Error(`${path}: not JSON (${res.statusCode}): ${text.slice(0, 200)}`));
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${path}: no answer in 10 s`)));
      req.on('error', reject);
      req.end(payload);
    });
  const deposits = async (): Promise<{ count: number; schema: string; version: string; deposits: Deposit[] }> => {
    const r = await api('/v1/deposits?limit=100');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json as never;
  };
  /** the rows as the database has them, every column, in a stable order */
  const rows = (): string => psql('SELECT row_to_json(d)::text FROM deposits d ORDER BY id');
  const snapshots = (): Array<{ id: number; service: string; kind: string; version: string; path: string }> => expectCode(reprise(p, ['snapshots', '--json']), 0, 'snapshots').json.snapshots;
  let infra: Record<string, string | undefined>;

  before(() => {
    p = makeProject({ label: 'demodata', ports: ports(0), extraConfig: DATA });
    buildImages(p, [V1]);
    buildImages(p, [V2], ['--schema', '2']);
  });
  after(() => cleanupProject(p));

  test('v1: the migrations create the table, the api writes rows into the real PostgreSQL', async () => {
    expectCode(reprise(p, ['deploy', V1, '--json']), 0, `deploy ${V1}`);
    infra = infraIds(p);
    assert.ok(infra.db && infra.cache, 'db and cache run');
    assert.match(containerOf(p, 'db')?.image ?? '', /recyclic-postgres:15-demo/);
    assert.equal(psql('SELECT version_num FROM alembic_version'), '0001');
    for (const item of ['vélo', 'lave-linge', 'armoire']) assert.equal((await api('/v1/deposits', { item })).status, 201);
    const d = await deposits();
    assert.deepEqual([d.count, d.schema, d.version], [3, '0001', V1]);
    assert.equal(psql('SELECT string_agg(item, \',\' ORDER BY id) FROM deposits'), 'vélo,lave-linge,armoire');
    // the api says so on /health: a query, not a port that answers
    const h = await api('/health');
    assert.deepEqual([h.status, h.json.database, h.json.cache], [200, 'ok', 'ok']);
  });

  let atSnapshot: string;
  test('v2: a pg_dump and an RDB copy first, then its migration adds weight_kg and back-fills it', async () => {
    atSnapshot = rows();
    const r = expectCode(reprise(p, ['deploy', V2, '--json']), 0, `deploy ${V2}`);
    assertNoSecrets(p, r, `deploy ${V2}`);
    const taken = snapshots().filter((s) => s.version === V2);
    assert.deepEqual(taken.map((s) => [s.service, s.kind]).sort(), [['cache', 'redis'], ['db', 'postgres']]);
    for (const s of taken) assert.ok(existsSync(join(p.dir, s.path)), s.path);
    assert.equal(psql('SELECT version_num FROM alembic_version'), '0002');
    const d = await deposits();
    assert.deepEqual([d.count, d.schema, d.version], [3, '0002', V2]);
    assert.ok(d.deposits.every((x) => x.weight_kg === '1.00'), `back-filled: ${JSON.stringify(d.deposits)}`);
    assert.equal((await api('/v1/deposits', { item: 'table', weight_kg: 12.5 })).status, 201);
    assert.equal(psql("SELECT weight_kg FROM deposits WHERE item = 'table'"), '12.50');
    assert.deepEqual(infraIds(p), infra, 'db and cache were not recreated');
  });

  test('rollback --restore-data: v1 with the schema and rows of the snapshot, the moment before kept, no container recreated', async () => {
    // the head each release ran with was recorded: the plan compares them
    const dry = expectCode(reprise(p, ['rollback', '--dry-run', '--restore-data', '--json']), 0, 'rollback --dry-run --restore-data');
    assert.deepEqual(dry.json.schema, { now: '0002', target: '0001', differs: true });
    const r = expectCode(reprise(p, ['rollback', '--yes', '--restore-data', '--json']), 0, 'rollback --restore-data');
    assertNoSecrets(p, r, 'rollback --restore-data');
    assert.deepEqual(r.json.dataRestored.map((x: { service: string; ok: boolean }) => [x.service, x.ok]).sort(), [['cache', true], ['db', true]]);
    assert.equal(psql('SELECT version_num FROM alembic_version'), '0001');
    assert.equal(psql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'deposits' AND column_name = 'weight_kg'"), '0');
    assert.equal(rows(), atSnapshot, 'the rows exactly as they were at the snapshot');
    const d = await deposits();
    assert.deepEqual([d.count, d.schema, d.version], [3, '0001', V1]);
    for (const x of r.json.dataRestored as Array<{ safety: string }>) assert.ok(existsSync(join(p.dir, x.safety)), `safety snapshot ${x.safety}`);
    assert.equal(infraIds(p).db, infra.db, 'the database container was not recreated');
    assert.equal(infraIds(p).cache, infra.cache, 'the cache container was restarted, not recreated');
  });

  test('v2 again, then a rollback without --restore-data: v1 runs on the newer schema and every row stays', async () => {
    expectCode(reprise(p, ['deploy', V2, '--json']), 0, `deploy ${V2} again`);
    assert.equal((await api('/v1/deposits', { item: 'chaise', weight_kg: 4 })).status, 201);
    const before = rows();
    const dry = expectCode(reprise(p, ['rollback', '--dry-run']), 0, 'rollback --dry-run');
    assert.match(dry.stderr, /^ {2}schema: 0002 → 0001$/m);
    expectCode(reprise(p, ['rollback', '--yes', '--json']), 0, 'rollback');
    assert.equal(psql('SELECT version_num FROM alembic_version'), '0002', 'the schema stays');
    assert.equal(rows(), before, 'every row stays');
    // v1's code on v2's schema: reads and writes work (columns are only added)
    assert.equal((await api('/v1/deposits', { item: 'lampe' })).status, 201);
    const d = await deposits();
    assert.deepEqual([d.count, d.version], [5, V1]);
    assert.deepEqual(infraIds(p), infra, 'db and cache were never recreated');
  });
});
