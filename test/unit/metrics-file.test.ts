import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendMetricsEntry, readMetricsFile } from '../../src/adapters/metrics-file';
import { buildMetricsEntry } from '../../src/domain/metrics';
import type { MetricsEntry } from '../../src/domain/types';

function tempFile(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-metrics-'));
  return { dir, file: path.join(dir, 'logs', 'rollback-metrics.json') };
}

function entry(version: string, seconds = 42.5): MetricsEntry {
  return buildMetricsEntry({
    trigger: 'manual',
    outcome: 'success',
    version,
    fromVersion: 'prev123',
    startedAt: new Date(0),
    finishedAt: new Date(seconds * 1000),
    hostname: 'box',
    user: 'ops',
    system: { cpu_usage_percent: 1.5, memory_usage_percent: 2, disk_usage_percent: 3, docker_containers_running: 4, docker_images_count: 5 },
    services: { api: 10.5 },
  });
}

test('missing file: created (with its folder) as a one-entry array; numbers are numbers', (t) => {
  const { dir, file } = tempFile();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(readMetricsFile(file), []);
  const r = appendMetricsEntry(file, entry('v1'));
  assert.equal(r.warning, null);
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(Array.isArray(parsed));
  assert.equal(parsed.length, 1);
  assert.equal(parsed[0].duration_seconds, 42.5);
  assert.equal(typeof parsed[0].system_metrics.cpu_usage_percent, 'number');
  assert.equal(typeof parsed[0].performance.efficiency_score, 'number');
  assert.equal(typeof parsed[0].services.api, 'number');
});

test('many sequential appends keep a valid array in order, and leave no temp files', (t) => {
  const { dir, file } = tempFile();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (let i = 0; i < 50; i++) {
    assert.equal(appendMetricsEntry(file, entry(`v${i}`)).warning, null);
    assert.ok(Array.isArray(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }
  const all = readMetricsFile(file);
  assert.equal(all.length, 50);
  assert.deepEqual(all.map((e) => e.version), Array.from({ length: 50 }, (_, i) => `v${i}`));
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['rollback-metrics.json']);
});

test('the old script\'s format (concatenated objects, numbers as strings) is imported: entries kept as written, then ours', (t) => {
  const { dir, file } = tempFile();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const seed = '{\n  "timestamp": "2025-01-27T10:30:00Z",\n  "event": "rollback_success",\n  "duration_seconds": "45"\n}\n{\n  "timestamp": "2025-01-28T10:30:00Z",\n  "event": "rollback_cancelled"\n}\n';
  fs.writeFileSync(file, seed);

  const r = appendMetricsEntry(file, entry('v1'), new Date('2025-02-03T04:05:06.789Z'));
  assert.equal(r.warning, null);
  assert.equal(r.imported, 2);
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
  assert.ok(Array.isArray(all));
  assert.deepEqual(all.slice(0, 2), [
    { timestamp: '2025-01-27T10:30:00Z', event: 'rollback_success', duration_seconds: '45' },
    { timestamp: '2025-01-28T10:30:00Z', event: 'rollback_cancelled' },
  ]);
  assert.equal(all[2].version, 'v1');
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['rollback-metrics.json'], 'nothing moved aside');
  // the next append has nothing more to import
  assert.deepEqual(appendMetricsEntry(file, entry('v2')), { warning: null, imported: 0 });
  assert.deepEqual(readMetricsFile(file).map((e) => e.version), [undefined, undefined, 'v1', 'v2']);
});

test('a truncated array and a non-array JSON value are moved aside too; a second one gets its own name', (t) => {
  const { dir, file } = tempFile();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const now = new Date('2025-02-03T04:05:06Z');
  fs.writeFileSync(file, '[{"version": "a"}, {"vers');
  assert.ok(appendMetricsEntry(file, entry('v1'), now).warning);
  fs.writeFileSync(file, '{"version": "b"}');
  const second = appendMetricsEntry(file, entry('v2'), now);
  assert.ok(second.warning?.includes(`${file}.corrupt-20250203T040506Z-1`));

  assert.equal(fs.readFileSync(`${file}.corrupt-20250203T040506Z`, 'utf8'), '[{"version": "a"}, {"vers');
  assert.equal(fs.readFileSync(`${file}.corrupt-20250203T040506Z-1`, 'utf8'), '{"version": "b"}');
  assert.deepEqual(readMetricsFile(file).map((e) => e.version), ['v2']);
});

test('existing valid entries written by someone else are kept', (t) => {
  const { dir, file } = tempFile();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify([{ version: 'old', custom: true }]));
  assert.equal(appendMetricsEntry(file, entry('v1')).warning, null);
  const all = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.deepEqual(all[0], { version: 'old', custom: true });
  assert.equal(all[1].version, 'v1');
});

test('readMetricsFile refuses an invalid file rather than returning a wrong answer', (t) => {
  const { dir, file } = tempFile();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '{}{}');
  assert.throws(() => readMetricsFile(file), /not a valid JSON array/);
});
