// Acceptance of issue 2, main scenario, with compose v1 and v2 (one shared table):
// deploy A, B, C → rollback → B (db/cache untouched, metrics, .env.rollback) → rollback → A (not C)
// → deploy B → plain compose with .env.rollback (no reprise) brings A back with the secrets intact.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertSeedKeys,
  cleanupAll,
  containerOf,
  containers,
  deployOk,
  expectCode,
  expectedImages,
  infraIds,
  parseEnv,
  plainCompose,
  portAllocator,
  readMetrics,
  reprise,
  rollbackOk,
  stackProblem,
  TAG_VARS,
  versionedImages,
  waitStackOn,
  stackOnTwoVersions,
  composeFlavourRows,
} from './harness';

const ports = portAllocator(1);

after(() => cleanupAll());

for (const row of composeFlavourRows()) {
  describe(`deploy A, B, C then rollback twice — compose ${row.flavour}`, { skip: row.skip }, () => {
    const { p, A, B, C } = stackOnTwoVersions({ label: `main${row.flavour}`, ports: ports(row.slot), compose: row.flavour, versions: { A: 'a', B: 'b', C: 'c' }, deploy: [] });
    let infraAfterFirstDeploy: Record<string, string | undefined>;

    test('deploy A, B, C: each puts every versioned service on its version, db and cache are never recreated', async () => {
      const r = deployOk(p, A);
      assert.equal(r.json?.ok, true);
      assert.equal(r.json?.version, A);
      assert.equal(await waitStackOn(p, A, 5_000), null, 'after deploy A (reprise said it was healthy)');
      infraAfterFirstDeploy = infraIds(p);
      assert.ok(infraAfterFirstDeploy.db && infraAfterFirstDeploy.cache, `db and cache run: ${JSON.stringify(infraAfterFirstDeploy)}`);
      deployOk(p, B);
      assert.equal(stackProblem(p, B), null, 'after deploy B');
      const r3 = deployOk(p, C);
      assert.equal(r3.json?.fromVersion, B);
      assert.equal(stackProblem(p, C), null, 'after deploy C');
      assert.deepEqual(infraIds(p), infraAfterFirstDeploy, 'db and cache containers kept their ids across deploys');
    });

    test('rollback --yes goes to B: images, infrastructure, metrics entry, .env.rollback', async () => {
      const metricsBefore = readMetrics(p).length;
      const r = rollbackOk(p);
      assert.equal(r.json?.ok, true);
      assert.equal(r.json?.version, B);

      // every versioned container runs B (migrations included), healthy
      assert.deepEqual(versionedImages(p), expectedImages(B));
      assert.equal(stackProblem(p, B), null);
      // the API itself answers with version B
      const res = await fetch(`http://127.0.0.1:${p.ports.api}/v1/health/version`);
      assert.equal(((await res.json()) as { version: string }).version, B);
      // db and cache were not touched
      assert.deepEqual(infraIds(p), infraAfterFirstDeploy, 'db and cache containers keep their ids');

      // metrics file: a JSON array, one new entry
      const metrics = readMetrics(p);
      assert.equal(metrics.length, metricsBefore + 1, 'exactly one metrics entry per rollback');
      const last = metrics[metrics.length - 1];
      assert.equal(last.event, 'rollback_success');
      assert.equal(last.status, 'success');
      assert.equal(last.version, B);
      assert.equal(last.from_version, C);
      assert.equal(last.trigger, 'manual');
      assertSeedKeys(last, assert.fail);
      assert.equal(last.performance.rollback_speed, 'fast');
      assert.equal(last.performance.efficiency_score, 100);
      for (const s of ['api', 'frontend', 'bot']) assert.equal(typeof last.services[s], 'number', `services.${s} seconds`);
      const text = readFileSync(join(p.dir, 'logs', 'rollback-metrics.json'), 'utf8');
      assert.ok(!text.includes(p.secrets.POSTGRES_PASSWORD), 'no secret in the metrics file');

      // .env.rollback: A for the four tag variables, mode 0600, the .env secrets kept
      const file = join(p.dir, '.env.rollback');
      assert.equal(statSync(file).mode & 0o777, 0o600, '.env.rollback has mode 0600');
      const env = parseEnv(readFileSync(file, 'utf8'));
      for (const v of TAG_VARS) assert.equal(env.get(v), A, `${v} in .env.rollback`);
      assert.equal(env.get('POSTGRES_PASSWORD'), p.secrets.POSTGRES_PASSWORD);
      assert.equal(env.get('SECRET_KEY'), p.secrets.SECRET_KEY);
      assert.equal(env.get('API_PORT'), String(p.ports.api));

      // status and history agree
      const st = expectCode(reprise(p, ['status', '--json']), 0, 'status');
      assert.equal(st.json.version, B);
      assert.equal(st.json.mixed, false);
      for (const name of ['api', 'frontend', 'bot']) {
        const svc = (st.json.services as Array<{ name: string; version: string; drift: boolean; probe: { ok: boolean } | null }>).find((x) => x.name === name)!;
        assert.equal(svc.version, B, `status: ${name} version`);
        assert.equal(svc.drift, false, `status: ${name} no drift`);
        assert.equal(svc.probe?.ok, true, `status: ${name} probe ok`);
      }
      const h = expectCode(reprise(p, ['history', '--json']), 0, 'history');
      const newest = h.json.releases[0] as { kind: string; trigger: string; version: string; fromVersion: string; outcome: string };
      assert.deepEqual([newest.kind, newest.trigger, newest.version, newest.fromVersion, newest.outcome], ['rollback', 'manual', B, C, 'success']);
    });

    test('a second rollback --yes goes to A, not back to C', () => {
      const r = rollbackOk(p);
      assert.equal(r.json?.version, A, `second rollback went to ${r.json?.version}`);
      assert.deepEqual(versionedImages(p), expectedImages(A));
      assert.equal(stackProblem(p, A), null);
      assert.deepEqual(infraIds(p), infraAfterFirstDeploy, 'db and cache containers keep their ids');
      const last = readMetrics(p).at(-1)!;
      assert.equal(last.event, 'rollback_success');
      assert.equal(last.version, A);
      assert.equal(last.from_version, B);
    });

    test('plain compose with --env-file .env.rollback (no reprise) brings the previous version back with the secrets', async () => {
      deployOk(p, B); // .env.rollback now names A (the previous good version)
      const env = parseEnv(readFileSync(join(p.dir, '.env.rollback'), 'utf8'));
      for (const v of TAG_VARS) assert.equal(env.get(v), A, `${v} in .env.rollback after deploy B`);

      const r = plainCompose(p, ['--env-file', '.env.rollback', '-p', p.name, 'up', '-d']);
      assert.equal(r.status, 0, `compose up failed:\n${r.stderr}`);
      assert.equal(await waitStackOn(p, A), null, 'every versioned service back on A and healthy (the API reaches the DB with the password)');
      const api = containerOf(p, 'api')!;
      assert.equal(api.image, `recyclic-api:${A}`);
      const dbUrl = api.env.find((e) => e.startsWith('DATABASE_URL='));
      assert.ok(dbUrl?.includes(`:${p.secrets.POSTGRES_PASSWORD}@`), `DATABASE_URL keeps the password of .env: ${dbUrl?.replace(p.secrets.POSTGRES_PASSWORD, '***')}`);
      assert.ok(api.env.includes(`SECRET_KEY=${p.secrets.SECRET_KEY}`), 'SECRET_KEY of .env reached the api');
      // the health endpoint confirms the database accepted the credentials
      const res = await fetch(`http://127.0.0.1:${p.ports.api}/health`);
      const body = (await res.json()) as { status: string; database: string; version: string };
      assert.equal(body.database, 'ok');
      assert.equal(body.version, A);
      assert.deepEqual(infraIds(p), infraAfterFirstDeploy, 'plain compose up did not recreate db/cache');
      // and reprise sees what is running now
      const s = expectCode(reprise(p, ['status', '--json']), 0, 'status');
      assert.equal(s.json?.version, A);
      const api2 = (s.json.services as Array<{ name: string; drift: boolean }>).find((x) => x.name === 'api')!;
      assert.equal(api2.drift, true, 'status shows drift: reprise last deployed B, A runs');
      assert.equal(containers(p).filter((c) => c.service === 'api' && c.state === 'running').length, 1);
    });
  });
}
