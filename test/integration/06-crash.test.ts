// kill -9 of reprise in the middle of a rollback: status reports the interrupted operation, and
// `rollback --yes` brings every versioned service to one single, healthy version.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cleanupAll,
  containerOf,
  containers,
  expectCode,
  infraIds,
  LONG_RUNNING,
  portAllocator,
  reprise,
  rollbackOk,
  stackProblem,
  killAtStep,
  stackOnTwoVersions,
} from './harness';

const ports = portAllocator(6);
after(() => cleanupAll());

describe('crash in the middle of a rollback', () => {
  const { p, A, B } = stackOnTwoVersions({
    label: 'crash',
    ports: ports(0),
    // frontend waits for a healthy api here, so it is recreated one level after api: a kill right after
    // api was recreated leaves a truly mixed stack (with the demo's plain dependency, api, bot and
    // frontend are recreated by one compose call)
    prepare: (q) => {
      const file = join(q.dir, 'docker-compose.yml');
      const text = readFileSync(file, 'utf8');
      const patched = text.replace(/(\n {2}frontend:\n(?:.*\n)*? {4}depends_on:\n) {6}- api\n/, '$1      api:\n        condition: service_healthy\n');
      assert.notEqual(patched, text, 'the compose file was patched');
      writeFileSync(file, patched);
    },
    deploy: ['A', 'B'],
    healthy: true,
  });
  let infra: Record<string, string | undefined>;
  let recovered = '';

  before(() => {
    infra = infraIds(p);
  });

  test('kill -9 right after api was recreated leaves a mixed stack', async () => {
    await killAtStep(p, ['rollback', '--yes'], 'applied:api');
    const list = containers(p);
    assert.equal(containerOf(p, 'api', list)?.image, `recyclic-api:${A}`, 'api was recreated on A');
    assert.equal(containerOf(p, 'frontend', list)?.image, `recyclic-frontend:${B}`, 'frontend still on B');
  });

  test('status reports the interrupted operation (JSON and human)', () => {
    const s = expectCode(reprise(p, ['status', '--json']), 0, 'status --json');
    assert.notEqual(s.json.interrupted, null, `interrupted is reported: ${s.stdout}`);
    assert.equal(s.json.interrupted.kind, 'rollback');
    assert.equal(s.json.interrupted.version, A);
    assert.equal(s.json.mixed, true);
    const h = reprise(p, ['status']);
    assert.equal(h.code, 0);
    assert.match(h.stderr, /INTERRUPTED_OPERATION/);
  });

  test('rollback --yes brings every versioned service to one single healthy version', () => {
    const r = rollbackOk(p);
    assert.match(r.stderr, /took over the lock|INTERRUPTED_OPERATION/);
    const v = r.json.version as string;
    assert.ok(v === A || v === B, `went to ${v}`);
    assert.equal(stackProblem(p, v), null, `single healthy version ${v}`);
    const s = expectCode(reprise(p, ['status', '--json']), 0, 'status');
    assert.equal(s.json.version, v);
    assert.equal(s.json.mixed, false);
    assert.equal(s.json.interrupted, null);
    assert.equal(s.json.lock, null);
    for (const name of LONG_RUNNING) {
      const svc = (s.json.services as Array<{ name: string; version: string; health: string | null; state: string }>).find((x) => x.name === name)!;
      assert.equal(svc.version, v, `${name} version`);
      assert.equal(svc.state, 'running');
      assert.equal(svc.health, 'healthy', `${name} health`);
    }
    assert.deepEqual(infraIds(p), infra, 'db and cache untouched by the crash and the recovery');
    const hist = expectCode(reprise(p, ['history', '--json']), 0, 'history');
    assert.ok(
      (hist.json.releases as Array<{ outcome: string }>).some((x) => x.outcome === 'interrupted'),
      `the killed rollback is recorded as interrupted: ${JSON.stringify(hist.json.releases)}`,
    );
    recovered = v;
  });

  test('crash in the middle of a deploy: rollback --yes undoes it to a single healthy version', async () => {
    const from = recovered;
    const to = from === A ? B : A;
    await killAtStep(p, ['deploy', to, '--yes'], 'applied:api');
    assert.equal(containerOf(p, 'api')?.image, `recyclic-api:${to}`, 'api was recreated before the kill');
    const s = expectCode(reprise(p, ['status', '--json']), 0, 'status');
    assert.equal(s.json.interrupted?.kind, 'deploy');
    assert.equal(s.json.interrupted?.version, to);
    // a rollback cancelled at the prompt (closed stdin) leaves the interrupted operation reported
    expectCode(reprise(p, ['rollback', '--json']), 0, 'cancelled rollback');
    const still = expectCode(reprise(p, ['status', '--json']), 0, 'status after a cancel');
    assert.equal(still.json.interrupted?.version, to, 'still reported after a cancelled attempt');
    const r = rollbackOk(p);
    assert.equal(r.json.version, from, 'an interrupted deploy is undone');
    assert.equal(stackProblem(p, from), null);
    assert.deepEqual(infraIds(p), infra, 'db and cache untouched');
  });
});
