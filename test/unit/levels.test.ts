import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeDeps, planLevels } from '../../src/domain/levels';
import type { VersionedService } from '../../src/domain/types';

function svc(name: string, oneShot = false): VersionedService {
  return { name, repository: `recyclic-${name}`, tagVariable: 'TAG', imageTemplate: '', dependsOn: [], oneShot, healthUrl: null, healthTimeoutMs: null };
}
type Dep = { dependsOn: string[]; waitsFor: string[] };
const weak = (...names: string[]): Dep => ({ dependsOn: names, waitsFor: [] });
const strong = (...names: string[]): Dep => ({ dependsOn: names, waitsFor: names });

function order(services: VersionedService[], compose: Record<string, Dep>, planned = services.map((s) => s.name)): string[][] {
  const deps = composeDeps(new Map(Object.entries(compose)));
  return planLevels(planned.map((service) => ({ service })), services, deps).map((l) => l.map((s) => s.service));
}

// Recyclic's production file: api-migrations (restart: "no") is depended on by nothing; api, frontend and bot
// only wait for db. Compose alone starts the migrations and the api together.
const prod = [svc('api'), svc('frontend'), svc('bot'), svc('api-migrations', true)];
const prodCompose: Record<string, Dep> = { api: strong('db'), frontend: weak('api'), bot: strong('db'), 'api-migrations': strong('db'), db: weak() };

test('one-shots first: a migrations service nothing depends on completes before the long-running services of its level', () => {
  assert.deepEqual(order(prod, prodCompose), [['api-migrations'], ['api', 'frontend', 'bot']]);
});

test('one-shots first: only the one-shot changes, or only long-running ones: one level', () => {
  assert.deepEqual(order(prod, prodCompose, ['api-migrations']), [['api-migrations']]);
  assert.deepEqual(order(prod, prodCompose, ['api', 'bot']), [['api', 'bot']]);
});

test('compose wins: a one-shot that depends (started) on a long-running service of its level goes after it, the others after the one-shot', () => {
  const services = [svc('api'), svc('db-proxy'), svc('migrate', true)];
  const compose = { api: weak(), 'db-proxy': weak(), migrate: weak('db-proxy') };
  assert.deepEqual(order(services, compose), [['db-proxy'], ['migrate'], ['api']]);
  // through an unplanned service too
  const via = { api: weak(), 'db-proxy': weak(), migrate: weak('pgbouncer'), pgbouncer: weak('db-proxy') };
  assert.deepEqual(order(services, via), [['db-proxy'], ['migrate'], ['api']]);
});

test('compose wins: a one-shot waiting for a healthy long-running service goes one level after it', () => {
  const services = [svc('api'), svc('seed', true), svc('bot')];
  const compose = { api: weak(), bot: weak(), seed: strong('api') };
  assert.deepEqual(order(services, compose), [['api', 'bot'], ['seed']]);
});

test('a long-running service that the one-shot needs is not held back; one that needs the one-shot waits for it', () => {
  const services = [svc('api'), svc('cache-warm', true), svc('worker')];
  // worker depends (started) on the one-shot; cache-warm needs api
  const compose = { api: weak(), worker: weak('cache-warm'), 'cache-warm': weak('api') };
  assert.deepEqual(order(services, compose), [['api'], ['cache-warm'], ['worker']]);
});

test('several one-shots of a level go together, in the level order; a one-shot needing another stays with it', () => {
  const services = [svc('api'), svc('migrate', true), svc('seed', true)];
  assert.deepEqual(order(services, { api: weak(), migrate: weak(), seed: weak('migrate') }), [['migrate', 'seed'], ['api']]);
});

test('a dependency cycle through a level keeps compose\'s single call', () => {
  const services = [svc('api'), svc('migrate', true)];
  assert.deepEqual(order(services, { api: weak('migrate'), migrate: weak('api') }), [['api', 'migrate']]);
});

test('the demo stack keeps its order: migrations (api waits for it), then api, frontend and bot', () => {
  const demo = [svc('api-migrations', true), svc('api'), svc('frontend'), svc('bot')];
  const compose = { 'api-migrations': strong('db'), api: { dependsOn: ['db', 'cache', 'api-migrations'], waitsFor: ['db', 'cache', 'api-migrations'] }, frontend: weak('api'), bot: weak('api') };
  assert.deepEqual(order(demo, compose), [['api-migrations'], ['api', 'frontend', 'bot']]);
});
