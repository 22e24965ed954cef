// rollback --help lists versions (also through the demo's scripts/rollback.sh); versions, history, init.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import {
  baseEnv,
  cleanupAll,
  DEMO_ROLLBACK_SH,
  expectCode,
  makeProject,
  portAllocator,
  REPRISE_BIN,
  reprise,
  stackOnTwoVersions,
} from './harness';

const ports = portAllocator(7);
after(() => cleanupAll());

describe('versions, history, rollback --help', () => {
  const { p, A, B, C, I } = stackOnTwoVersions({
    label: 'queries',
    ports: ports(0),
    versions: { A: 'a', B: 'b', C: 'c' /* complete, never deployed */, I: { prefix: 'i', only: 'api,bot' } /* incomplete */ },
    deploy: ['A', 'B'],
  });

  test('versions --json: complete and incomplete versions, current and previous markers', () => {
    const r = expectCode(reprise(p, ['versions', '--json']), 0, 'versions');
    assert.equal(r.json.current, B);
    assert.equal(r.json.previous, A);
    type V = { version: string; complete: boolean; missing: string[]; current: boolean; previous: boolean; lastDeployed: string | null; lastOutcome: string | null; created: string | null };
    const list = r.json.versions as V[];
    const get = (v: string): V => {
      const x = list.find((y) => y.version === v);
      assert.ok(x, `${v} listed: ${list.map((y) => y.version).join(', ')}`);
      return x;
    };
    for (const v of [A, B, C]) {
      assert.equal(get(v).complete, true, `${v} complete`);
      assert.deepEqual(get(v).missing, []);
      assert.ok(get(v).created, `${v} has a creation date`);
    }
    assert.equal(get(B).current, true);
    assert.equal(get(B).previous, false);
    assert.equal(get(A).previous, true);
    assert.equal(get(A).current, false);
    assert.equal(get(C).current || get(C).previous, false);
    assert.equal(get(C).lastDeployed, null);
    assert.ok(get(A).lastDeployed && get(B).lastDeployed);
    assert.equal(get(B).lastOutcome, 'success');
    const inc = get(I);
    assert.equal(inc.complete, false);
    assert.deepEqual([...inc.missing].sort(), ['api-migrations', 'frontend']);
    assert.equal(list.filter((x) => x.current).length, 1, 'one current');
    assert.equal(list.filter((x) => x.previous).length, 1, 'one previous');
    // human form names the incomplete one's missing services
    const h = expectCode(reprise(p, ['versions']), 0, 'versions (human)');
    assert.ok(h.stderr.includes(I) && h.stderr.includes('frontend'), h.stderr);
  });

  test('history --json: releases newest first', () => {
    const r = expectCode(reprise(p, ['history', '--json']), 0, 'history');
    const rel = r.json.releases as Array<{ kind: string; version: string; fromVersion: string | null; outcome: string; startedAt: string }>;
    assert.ok(rel.length >= 2);
    assert.deepEqual(rel.slice(0, 2).map((x) => [x.kind, x.version, x.fromVersion, x.outcome]), [
      ['deploy', B, A, 'success'],
      ['deploy', A, null, 'success'],
    ]);
    for (let i = 1; i < rel.length; i++) assert.ok(rel[i - 1].startedAt >= rel[i].startedAt, 'newest first');
    const lim = expectCode(reprise(p, ['history', '--limit', '1', '--json']), 0, 'history --limit 1');
    assert.equal(lim.json.releases.length, 1);
    assert.equal(lim.json.releases[0].version, B);
  });

  test('rollback --help lists the available versions', () => {
    const r = reprise(p, ['rollback', '--help']);
    expectCode(r, 0, 'rollback --help');
    const out = r.stdout + r.stderr;
    assert.match(out, /--dry-run/);
    for (const v of [A, B, C]) assert.ok(out.includes(v), `help lists ${v}:\n${out}`);
  });

  test('bash scripts/rollback.sh --help works from the project directory', () => {
    assert.ok(existsSync(DEMO_ROLLBACK_SH), `${DEMO_ROLLBACK_SH} exists (the demo ships scripts/rollback.sh)`);
    mkdirSync(join(p.dir, 'scripts'), { recursive: true });
    copyFileSync(DEMO_ROLLBACK_SH, join(p.dir, 'scripts', 'rollback.sh'));
    const r = spawnSync('bash', ['scripts/rollback.sh', '--help'], { cwd: p.dir, env: baseEnv(p, { REPRISE_BIN }), encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout + r.stderr;
    for (const v of [A, B]) assert.ok(out.includes(v), `rollback.sh --help lists ${v}:\n${out}`);
  });
});

describe('init', () => {
  test('writes reprise.yml with health URLs from the published ports', () => {
    const q = makeProject({ label: 'init', ports: ports(1), config: false });
    assert.equal(existsSync(join(q.dir, 'reprise.yml')), false);
    const r = expectCode(reprise(q, ['init', '--json']), 0, 'init');
    assert.equal(r.json?.ok, true);
    const cfg = parse(readFileSync(join(q.dir, 'reprise.yml'), 'utf8')) as { services: Record<string, { health?: { url?: string } } | null> };
    assert.equal(cfg.services.api?.health?.url, `http://127.0.0.1:${q.ports.api}/health`);
    assert.equal(cfg.services.frontend?.health?.url, `http://127.0.0.1:${q.ports.frontend}/health`);
    assert.equal(cfg.services.bot?.health?.url, `http://127.0.0.1:${q.ports.bot}/health`);
    assert.ok('api-migrations' in cfg.services, 'the one-shot service is listed');
    assert.equal(cfg.services['api-migrations']?.health?.url, undefined, 'no health URL for a one-shot');
    assert.ok(!('db' in cfg.services) && !('cache' in cfg.services), 'infrastructure is not versioned');
    // the written file is valid for reprise itself
    expectCode(reprise(q, ['versions', '--json']), 0, 'versions with the written config');
    // a second init refuses to overwrite
    const again = reprise(q, ['init', '--json']);
    assert.equal(again.code, 2);
    assert.equal(again.json?.ok, false);
    writeFileSync(join(q.dir, 'marker'), '');
  });
});
