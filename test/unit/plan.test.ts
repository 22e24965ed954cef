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

test('levels follow compose conditions: migrations first (api waits for it), then api, bot and frontend in one call', async () => {
  const { planLevels } = await import('../../src/domain/levels');
  const strong = (n: string) => ({ name: n, strong: true });
  const weak = (n: string) => ({ name: n, strong: false });
  const deps: Record<string, Array<{ name: string; strong: boolean }>> = {
    frontend: [weak('api')],
    bot: [weak('api')],
    api: [strong('db'), strong('cache'), strong('api-migrations')],
    'api-migrations': [strong('db')],
  };
  const steps = dependencyOrder(stack).map((s) => ({ service: s.name }));
  const levels = planLevels(steps, stack, (n) => deps[n] ?? []);
  assert.deepEqual(levels.map((l) => l.map((s) => s.service)), [['api-migrations'], ['api', 'frontend', 'bot']]);
  // when bot must wait for a healthy api, it goes one level later
  const healthyDeps: Record<string, Array<{ name: string; strong: boolean }>> = { ...deps, bot: [strong('api')] };
  const levels2 = planLevels(steps, stack, (n) => healthyDeps[n] ?? []);
  assert.deepEqual(levels2.map((l) => l.map((s) => s.service)), [['api-migrations'], ['api', 'frontend'], ['bot']]);
  // api unchanged: bot (plain dependency on api) still comes after the migrations api waits for
  const partial = planLevels([{ service: 'api-migrations' }, { service: 'bot' }], stack, (n) => deps[n] ?? []);
  assert.deepEqual(partial.map((l) => l.map((s) => s.service)), [['api-migrations'], ['bot']]);
});
