import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { collectSystemMetrics } from '../../src/adapters/system';

function oneDecimal(n: number): boolean {
  return Math.abs(n * 10 - Math.round(n * 10)) < 1e-9;
}

test('percentages are within 0-100 with one decimal; docker counts come from the callbacks', async () => {
  const m = await collectSystemMetrics(os.tmpdir(), {
    containersRunning: async () => 6,
    imagesCount: async () => 14,
  });
  for (const k of ['cpu_usage_percent', 'memory_usage_percent', 'disk_usage_percent'] as const) {
    assert.equal(typeof m[k], 'number');
    assert.ok(m[k] >= 0 && m[k] <= 100, `${k}=${m[k]}`);
    assert.ok(oneDecimal(m[k]), `${k}=${m[k]}`);
  }
  // a running machine uses some memory and some disk
  assert.ok(m.memory_usage_percent > 0);
  assert.ok(m.disk_usage_percent > 0);
  assert.equal(m.docker_containers_running, 6);
  assert.equal(m.docker_images_count, 14);
});

test('no docker, failing docker, and a missing directory give zeros instead of throwing', async () => {
  const none = await collectSystemMetrics('/', null, 10);
  assert.equal(none.docker_containers_running, 0);
  assert.equal(none.docker_images_count, 0);

  const failing = await collectSystemMetrics('/does/not/exist', {
    containersRunning: async () => { throw new Error('docker down'); },
    imagesCount: () => Promise.reject(new Error('nope')),
  }, 10);
  assert.equal(failing.docker_containers_running, 0);
  assert.equal(failing.docker_images_count, 0);
  assert.equal(failing.disk_usage_percent, 0);
  assert.ok(failing.memory_usage_percent > 0);
});
