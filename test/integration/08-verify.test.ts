// `reprise verify` (seed §3.3) against the real engine: passes on the healthy demo stack, fails (exit 1,
// the right check failing) on a stopped service, a health URL answering 200 {"status":"unhealthy"},
// a critical line in the logs, and a latency above the threshold.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cleanupAll,
  composeCmd,
  containerOf,
  docker,
  expectCode,
  httpGet,
  portAllocator,
  reprise,
  reprisYml,
  TAG_VARS,
  waitStackOn,
  stackOnTwoVersions,
  type Project,
  type RunResult,
} from './harness';

const ports = portAllocator(8);
after(() => cleanupAll());

interface Check {
  id: string;
  service?: string;
  ok: boolean;
  value: number | string | null;
  threshold?: number;
  detail: string;
  skipped?: boolean;
}

function checksOf(r: RunResult): Check[] {
  assert.ok(r.json && Array.isArray(r.json.checks), `verify --json prints the result document:\n${r.stdout}\n${r.stderr}`);
  return r.json.checks as Check[];
}

function failing(r: RunResult): Check[] {
  return checksOf(r).filter((c) => !c.ok);
}

function describeChecks(r: RunResult): string {
  return checksOf(r)
    .map((c) => `${c.ok ? 'ok ' : 'NOK'} ${c.id} ${c.service ?? ''} ${String(c.value)} ${c.detail}`)
    .join('\n');
}

/** verify --json that must fail: exit 1, the result document (not an error document) with ok: false. */
function verifyFails(p: Project, args: string[] = []): RunResult {
  const r = expectCode(reprise(p, ['verify', '--json', ...args]), 1, 'verify (expected to fail)');
  assert.equal(r.json?.ok, false);
  assert.equal(r.json?.error, undefined, 'a failing verify is not an error document');
  return r;
}

describe('reprise verify', () => {
  const { p, A, U } = stackOnTwoVersions({
    label: 'verify',
    ports: ports(0),
    versions: { A: 'a', U: { prefix: 'u', broken: 'unhealthy' } }, // U: api /health answers 200 {"status":"unhealthy"}
    deploy: ['A'],
  });

  test('passes on the healthy demo stack (exit 0), every check present and passed', () => {
    const r = expectCode(reprise(p, ['verify', '--json']), 0, 'verify');
    assert.equal(r.json.ok, true, describeChecks(r));
    assert.equal(r.json.project, p.name);
    assert.equal(r.json.version, A);
    const checks = checksOf(r);
    const ids = new Set(checks.map((c) => c.id));
    for (const id of ['service_running', 'health_url', 'log_errors', 'error_rate', 'availability', 'cpu', 'memory', 'latency_degradation']) {
      assert.ok(ids.has(id), `check ${id} present:\n${describeChecks(r)}`);
    }
    for (const s of ['api', 'frontend', 'bot', 'api-migrations']) {
      assert.ok(checks.some((c) => c.id === 'service_running' && c.service === s && c.ok), `service_running ${s}`);
    }
    for (const s of ['api', 'frontend', 'bot']) {
      const url = checks.find((c) => c.id === 'health_url' && c.service === s);
      assert.ok(url && typeof url.value === 'number' && url.threshold === 500, `health_url ${s} measured against 500 ms`);
    }
    // resources cover the infrastructure containers too
    assert.ok(checks.some((c) => c.id === 'memory' && c.service === 'db'), 'memory of db measured');

    // human form, in French: a checklist on stderr, nothing on stdout
    const h = expectCode(reprise(p, ['verify', '--lang', 'fr']), 0, 'verify (human)');
    assert.equal(h.stdout, '');
    assert.match(h.stderr, /✓ api : l'URL de santé répond à temps/);
    assert.match(h.stderr, /seuil ≤ 500 ms/);
    assert.match(h.stderr, /Vérification réussie/);
  });

  test('latency above the threshold (response_time_ms: 1): health_url fails', () => {
    const cfg = join(p.dir, 'reprise-slow.yml');
    writeFileSync(cfg, `${reprisYml(p.name, p.ports)}thresholds: { response_time_ms: 1 }\n`);
    const r = verifyFails(p, ['--config', cfg]);
    const slow = failing(r).filter((c) => c.id === 'health_url');
    assert.ok(slow.length >= 1, describeChecks(r));
    for (const c of slow) {
      assert.equal(c.threshold, 1);
      assert.ok(typeof c.value === 'number' && c.value > 1, `measured latency ${String(c.value)}`);
    }
    assert.deepEqual([...new Set(failing(r).map((c) => c.id))], ['health_url'], describeChecks(r));
    const h = expectCode(reprise(p, ['verify', '--config', cfg]), 1, 'verify (human)');
    assert.match(h.stderr, /✗ api: health URL answers in time — [\d.]+ ms \(threshold ≤ 1 ms\)/);
    assert.match(h.stderr, /Verification failed: .*health_url/);
  });

  test('a stopped service: service_running fails for bot (exit 1)', async () => {
    const bot = containerOf(p, 'bot');
    assert.ok(bot);
    assert.equal(docker(['stop', '-t', '2', bot.id]).status, 0);
    try {
      const r = verifyFails(p);
      const f = failing(r);
      const down = f.find((c) => c.id === 'service_running' && c.service === 'bot');
      assert.ok(down, describeChecks(r));
      assert.match(String(down.value), /^exited/);
      assert.ok(f.some((c) => c.id === 'health_url' && c.service === 'bot'), 'its health URL fails too');
      assert.ok(!f.some((c) => c.service === 'api' || c.service === 'frontend'), `only bot fails:\n${describeChecks(r)}`);
    } finally {
      docker(['start', bot.id]);
      assert.equal(await waitStackOn(p, A), null);
    }
  });

  test('a health URL answering 200 {"status":"unhealthy"}: health_url fails for api (exit 1)', async () => {
    const { program, prefix } = composeCmd(p.compose);
    const up = (v: string): void => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const t of TAG_VARS) env[t] = A;
      env.API_IMAGE_TAG = v;
      const r = spawnSync(program, [...prefix, '-p', p.name, 'up', '-d', '--no-deps', 'api'], { cwd: p.dir, env, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 0, r.stderr);
    };
    up(U);
    try {
      // wait until the new api answers
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const res = await httpGet(`http://127.0.0.1:${p.ports.api}/health`);
        if (res?.status === 200 && res.body.includes('unhealthy')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const r = verifyFails(p);
      const url = failing(r).find((c) => c.id === 'health_url' && c.service === 'api');
      assert.ok(url, describeChecks(r));
      assert.match(url.detail, /HTTP 200 with "status": "unhealthy"/);
      assert.ok(failing(r).some((c) => c.id === 'availability' && c.service === 'api' && c.value === 0), 'availability 0 %');
    } finally {
      up(A);
      assert.equal(await waitStackOn(p, A), null);
    }
  });

  test('a critical line in the logs since the release: log_errors fails for api (exit 1)', async () => {
    expectCode(reprise(p, ['verify', '--json']), 0, 'verify before the error line');
    const res = await httpGet(`http://127.0.0.1:${p.ports.api}/debug/log?level=error`);
    assert.equal(res?.status, 200);
    const r = verifyFails(p);
    const f = failing(r);
    const logs = f.find((c) => c.id === 'log_errors' && c.service === 'api');
    assert.ok(logs, describeChecks(r));
    assert.equal(logs.value, 1);
    assert.match(logs.detail, /Traceback \(demo\)/);
    assert.deepEqual([...new Set(f.map((c) => c.id))], ['log_errors'], describeChecks(r));
  });
});
