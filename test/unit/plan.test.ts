import { test } from 'node:test';
import assert from 'node:assert/strict';
import { currentVersionOf, dependencyOrder, makePlan, tagOf } from '../../src/domain/plan';
import type { VersionedService } from '../../src/domain/types';

function svc(name: string, dependsOn: string[] = [], oneShot = false): VersionedService {
  return { name, repository: `recyclic-${name}`, tagVariable: `${name.toUpperCase()}_TAG`, imageTemplate: '', dependsOn, oneShot, healthUrl: null, healthTimeoutMs: null };
}
const stack = [svc('frontend', ['api']), svc('bot', ['api']), svc('api', ['db', 'cache', 'api-migrations']), svc('api-migrations', ['db'], true)];

test('dependency order puts the one-shot migrations before api, and api before its dependents', () => {
  const order = dependencyOrder(stack).map((s) => s.name);
  assert.deepEqual(order, ['api-migrations', 'api', 'frontend', 'bot']);
});

test('a cycle does not hang and keeps every service once', () => {
  const order = dependencyOrder([svc('a', ['b']), svc('b', ['a'])]).map((s) => s.name);
  assert.deepEqual([...order].sort(), ['a', 'b']);
});

test('only services whose version differs are planned', () => {
  const running = new Map<string, string | null>([['api', 'B'], ['frontend', 'A'], ['bot', 'B'], ['api-migrations', 'B']]);
  const plan = makePlan('rollback', 'B', null, stack, running);
  assert.deepEqual(plan.steps.map((s) => s.service), ['frontend']);
  assert.deepEqual(plan.unchanged.sort(), ['api', 'api-migrations', 'bot']);
  assert.equal(plan.steps[0].fromVersion, 'A');
});

test('current version: single, mixed, none; one-shots do not count', () => {
  assert.deepEqual(currentVersionOf(stack, new Map([['api', 'A'], ['bot', 'A'], ['frontend', 'A'], ['api-migrations', 'Z']])), { version: 'A', mixed: false, versions: ['A'] });
  const mixed = currentVersionOf(stack, new Map([['api', 'A'], ['bot', 'B'], ['frontend', 'A']]));
  assert.equal(mixed.version, null);
  assert.equal(mixed.mixed, true);
  assert.deepEqual(currentVersionOf(stack, new Map()), { version: null, mixed: false, versions: [] });
});

test('tagOf reads the tag of the service repository only', () => {
  assert.equal(tagOf('recyclic-api:abc1234', 'recyclic-api'), 'abc1234');
  assert.equal(tagOf('docker.io/library/recyclic-api:abc1234', 'recyclic-api'), 'abc1234');
  assert.equal(tagOf('recyclic-api-migrations:abc1234', 'recyclic-api'), null);
  assert.equal(tagOf('sha256:deadbeef', 'recyclic-api'), null);
});

test('levels: migrations, then api, then bot and frontend together', async () => {
  const { planLevels } = await import('../../src/domain/levels');
  const deps: Record<string, string[]> = { frontend: ['api'], bot: ['api'], api: ['db', 'cache', 'api-migrations'], 'api-migrations': ['db'] };
  const steps = dependencyOrder(stack).map((s) => ({ service: s.name }));
  const levels = planLevels(steps, stack, (n) => deps[n] ?? []);
  assert.deepEqual(levels.map((l) => l.map((s) => s.service).sort()), [['api-migrations'], ['api'], ['bot', 'frontend']]);
  // api unchanged: its dependents still wait for migrations through it
  const partial = planLevels([{ service: 'api-migrations' }, { service: 'bot' }], stack, (n) => deps[n] ?? []);
  assert.deepEqual(partial.map((l) => l.map((s) => s.service)), [['api-migrations'], ['bot']]);
});
