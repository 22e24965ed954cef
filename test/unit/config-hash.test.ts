// Compose's own view of a service (engines/compose/config-hash.ts): `config --hash` lines, one service of
// `compose config`, and whether two versions of a service differ in their image only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHashes, sameButImage, serviceOf } from '../../src/engines/compose/config-hash';

const H = 'a'.repeat(64);
const G = 'b'.repeat(64);

test('config --hash lines', () => {
  assert.deepEqual([...parseHashes(`api ${H}\napi-migrations ${G}\n\nnoise\n`)], [['api', H], ['api-migrations', G]]);
  assert.equal(parseHashes('').size, 0);
});

const config = (tag: string, version = 'x'): string => `name: p\nservices:\n  api:\n    image: r-api:${tag}\n    environment:\n      B: "2"\n      A: "${version}"\n    networks:\n      default: null\n`;

test('a service that differs in its image only, and one that does not', () => {
  assert.ok(sameButImage(serviceOf(config('a1'), 'api'), serviceOf(config('b2'), 'api')));
  assert.ok(!sameButImage(serviceOf(config('a1', 'a1'), 'api'), serviceOf(config('b2', 'b2'), 'api')), 'the tag also reaches the environment');
  assert.ok(!sameButImage(serviceOf(config('a1'), 'api'), serviceOf(config('a1'), 'bot')), 'a missing service is never the same');
  assert.equal(serviceOf(': not yaml [', 'api'), null);
  // key order does not matter
  assert.ok(sameButImage({ image: 'x', a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1, image: 'y' }));
});
