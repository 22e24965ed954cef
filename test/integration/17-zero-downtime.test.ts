// Acceptance of issue 6 (zero-downtime releases): with a bounded load on the public ports (the demo's nginx
// in front of api and frontend), a start-first rollback drops no request; the same release with
// `strategy: recreate` does (proving the measurement can fail); a version that never becomes healthy is
// removed while the old containers keep serving (exit 3, no failed request); --dry-run, --json and doctor
// say which strategy each service gets and why.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cleanupAll,
  composeV2Available,
  containers,
  expectCode,
  expectedImages,
  portAllocator,
  reprise,
  versionedImages,
  stackOnTwoVersions,
  composeFlavourRows,
} from './harness';
import { proxyId, running, startFirstUnderLoad, underLoad } from './harness/start-first-scenario';

const ports = portAllocator(17);
const v2 = composeV2Available();

after(() => cleanupAll());

for (const row of composeFlavourRows()) startFirstUnderLoad({ flavour: row.flavour, ports: ports(row.slot), skip: row.skip });

describe('recreate vs start-first, and a version that never becomes healthy (compose v2 when present)', () => {
  let config: string;
  const { p, B, BAD } = stackOnTwoVersions({
    label: 'zdcmp',
    ports: ports(2),
    compose: v2 ? 'v2' : 'v1',
    versions: { A: 'a', B: 'b', BAD: { prefix: 'x', broken: 'unhealthy' } },
    prepare: (q) => (config = readFileSync(join(q.dir, 'reprise.yml'), 'utf8')),
    deploy: ['A'],
  });

  test('--dry-run, --json and doctor say which strategy each service gets and why', () => {
    const r = expectCode(reprise(p, ['deploy', B, '--dry-run', '--json']), 0, 'deploy --dry-run');
    const s = r.json?.strategies as Record<string, { strategy: string; reason: string | null; detail: string | null }>;
    assert.equal(s.api.strategy, 'start-first');
    assert.equal(s.frontend.strategy, 'start-first');
    assert.deepEqual(s.bot, { strategy: 'recreate', via: null, reason: 'published_ports', detail: `127.0.0.1:${p.ports.bot}` });
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
