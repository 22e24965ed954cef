// Acceptance of issue 6 (zero-downtime releases): with a bounded load on the public ports (the demo's nginx
// in front of api and frontend), a start-first rollback drops no request; the same release with
// `strategy: recreate` does (proving the measurement can fail); a version that never becomes healthy is
// removed while the old containers keep serving (exit 3, no failed request); --dry-run, --json and doctor
// say which strategy each service gets and why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLoad, type LoadReport } from '../../bench/load';
import {
  buildImages,
  cleanupAll,
  cleanupProject,
  composeV2Available,
  containers,
  deployOk,
  expectCode,
  expectedImages,
  infraIds,
  makeProject,
  newVersion,
  portAllocator,
  reprisBackground,
  reprise,
  stackProblem,
  versionedImages,
  type ComposeFlavour,
  type Project,
} from './helpers';

const ports = portAllocator(17);
const v2 = composeV2Available();

after(() => cleanupAll());

/** Runs reprise in the background while 50 requests/s go to the public api and frontend ports. */
async function underLoad(p: Project, args: string[]): Promise<{ code: number | null; stderr: string; stdout: string; load: LoadReport }> {
  const urls = [`http://127.0.0.1:${p.ports.api}/`, `http://127.0.0.1:${p.ports.frontend}/`];
  const load = startLoad(urls, 50, { timeoutMs: 5000, maxRequests: 5000 });
  await new Promise((r) => setTimeout(r, 500));
  const bg = reprisBackground(p, args);
  const { code } = await bg.exited;
  // keep going until at least 200 requests were spread over the operation (and a little after it)
  const minEnd = Date.now() + 500;
  while (Date.now() < minEnd || load.samples.length < 220) await new Promise((r) => setTimeout(r, 50));
  const report = await load.stop();
  return { code, stderr: bg.stderr(), stdout: bg.stdout(), load: report };
}

function running(p: Project, service: string): Array<{ id: string; image: string }> {
  return containers(p)
    .filter((c) => c.service === service && c.state === 'running')
    .map((c) => ({ id: c.id, image: c.image }));
}

function proxyId(p: Project): string {
  const px = running(p, 'proxy');
  assert.equal(px.length, 1, 'one proxy container runs');
  return px[0].id;
}

const table: Array<{ flavour: ComposeFlavour; slot: number; skip: string | false }> = [
  { flavour: 'v1', slot: 0, skip: false },
  { flavour: 'v2', slot: 1, skip: v2 ? false : 'compose v2 is not installed here' },
];

for (const row of table) {
  describe(`start-first rollback under load — compose ${row.flavour}`, { skip: row.skip }, () => {
    let p: Project;
    const A = newVersion('a');
    const B = newVersion('b');

    before(() => {
      p = makeProject({ label: `zd${row.flavour}`, ports: ports(row.slot), compose: row.flavour });
      buildImages(p, [A, B]);
      deployOk(p, A);
      deployOk(p, B);
    });
    after(() => cleanupProject(p));

    test('200+ requests spread over `rollback --yes` all succeed; old containers drained and removed, proxy and infrastructure untouched', async () => {
      const infra = infraIds(p);
      const proxy = proxyId(p);
      const oldApi = running(p, 'api');
      assert.equal(oldApi.length, 1);
      const r = await underLoad(p, ['rollback', '--yes']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.load.requests >= 200, `only ${r.load.requests} requests`);
      assert.equal(r.load.failed, 0, `failed requests during a start-first rollback: ${r.load.errors.join('; ')}\n${r.stderr}`);
      assert.match(r.stderr, /api: starting .* beside the running container \(start-first\)/);
      assert.match(r.stderr, /bot: starting/, 'bot (fixed host port) is recreated');
      // what runs: A everywhere, one container per service, the old api gone, the proxy the same container
      assert.deepEqual(versionedImages(p), expectedImages(A));
      assert.equal(stackProblem(p, A), null);
      const api = running(p, 'api');
      assert.equal(api.length, 1, 'exactly one api container after the switch');
      assert.notEqual(api[0].id, oldApi[0].id, 'the api container was replaced');
      assert.equal(running(p, 'frontend').length, 1);
      assert.equal(containers(p).filter((c) => c.id === oldApi[0].id).length, 0, 'the old api container was removed');
      assert.equal(proxyId(p), proxy, 'the proxy was not recreated');
      assert.deepEqual(infraIds(p), infra, 'db and cache untouched');
      // the public URL answers the version now running
      const health = (await (await fetch(`http://127.0.0.1:${p.ports.api}/health`)).json()) as { version: string };
      assert.equal(health.version, A);
    });
  });
}

describe('recreate vs start-first, and a version that never becomes healthy (compose v2 when present)', () => {
  let p: Project;
  const A = newVersion('a');
  const B = newVersion('b');
  const BAD = newVersion('x');
  let config: string;

  before(() => {
    p = makeProject({ label: 'zdcmp', ports: ports(2), compose: v2 ? 'v2' : 'v1' });
    buildImages(p, [A, B]);
    buildImages(p, [BAD], ['--broken', 'unhealthy']);
    config = readFileSync(join(p.dir, 'reprise.yml'), 'utf8');
    deployOk(p, A);
  });
  after(() => cleanupProject(p));

  test('--dry-run, --json and doctor say which strategy each service gets and why', () => {
    const r = expectCode(reprise(p, ['deploy', B, '--dry-run', '--json']), 0, 'deploy --dry-run');
    const s = r.json?.strategies as Record<string, { strategy: string; reason: string | null; detail: string | null }>;
    assert.equal(s.api.strategy, 'start-first');
    assert.equal(s.frontend.strategy, 'start-first');
    assert.deepEqual(s.bot, { strategy: 'recreate', reason: 'published_ports', detail: `127.0.0.1:${p.ports.bot}` });
    assert.equal(s['api-migrations'].reason, 'one_shot');
    assert.match(r.stderr, /api: .* → .* — start-first \(zero downtime\)/);
    assert.match(r.stderr, new RegExp(`bot: .* — recreate: fixed host port 127\\.0\\.0\\.1:${p.ports.bot}`));
    const d = reprise(p, ['doctor', '--json']);
    const side = (d.json?.checks as Array<{ id: string; details: { strategies: Array<{ service: string; strategy: string; reason: string | null }> } }>).find((c) => c.id === 'side_by_side');
    assert.deepEqual(
      side?.details.strategies.map((x) => `${x.service}:${x.strategy}:${x.reason ?? ''}`).sort(),
      ['api:start-first:', 'bot:recreate:published_ports', 'frontend:start-first:'],
    );
  });

  test('with strategy: recreate the same release drops requests (the measurement can fail)', async () => {
    writeFileSync(join(p.dir, 'reprise.yml'), config.replace('  api: {', '  api: { strategy: recreate,').replace('  frontend: {', '  frontend: { strategy: recreate,'));
    try {
      const r = await underLoad(p, ['deploy', B]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /api: .* — recreate: strategy: recreate in reprise\.yml/);
      assert.ok(r.load.requests >= 200, `only ${r.load.requests} requests`);
      assert.ok(r.load.failed > 0, `a recreate with no failed request: ${JSON.stringify(r.load)}`);
      assert.deepEqual(versionedImages(p), expectedImages(B));
      // and the rollback --dry-run in French says why
      const fr = expectCode(reprise(p, ['rollback', '--dry-run', '--lang', 'fr']), 0, 'rollback --dry-run');
      assert.match(fr.stderr, /api : .* — recréation : strategy: recreate dans reprise\.yml/);
    } finally {
      writeFileSync(join(p.dir, 'reprise.yml'), config);
    }
  });

  test('a version that never becomes healthy is removed while the old containers keep serving: exit 3, no failed request', async () => {
    const before = { api: running(p, 'api'), frontend: running(p, 'frontend') };
    const proxy = proxyId(p);
    const r = await underLoad(p, ['deploy', BAD]);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.load.failed, 0, `failed requests: ${r.load.errors.join('; ')}\n${r.stderr}`);
    assert.ok(r.load.requests >= 200, `only ${r.load.requests} requests`);
    assert.match(r.stderr, /api: the new container was removed; the running one kept serving/);
    // the very same api and frontend containers still run B; no container of the broken version is left
    assert.deepEqual(running(p, 'api'), before.api);
    assert.deepEqual(running(p, 'frontend'), before.frontend);
    assert.equal(containers(p).filter((c) => c.image.endsWith(`:${BAD}`) && c.service !== 'api-migrations' && c.service !== 'bot').length, 0);
    assert.deepEqual(versionedImages(p), expectedImages(B));
    assert.equal(proxyId(p), proxy);
    const h = expectCode(reprise(p, ['history', '--json', '--limit', '2']), 0, 'history').json as { releases: Array<{ kind: string; outcome: string; trigger: string }> };
    assert.deepEqual(
      h.releases.map((x) => `${x.kind}/${x.outcome}/${x.trigger}`),
      ['rollback/success/auto', 'deploy/rolled_back/manual'],
    );
  });
});
