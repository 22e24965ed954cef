// The guide's old rollback.sh appends one JSON object per rollback to logs/rollback-metrics.json (seed §5.1):
// such a file is imported into reprise's array, entries kept exactly as written; anything else stays invalid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMetricsText, splitJsonValues } from '../../src/domain/metrics-import';

const seed1 = { timestamp: '2025-01-27T10:30:00Z', event: 'rollback_success', version: 'abc1234', duration_seconds: '45', status: 'success', system_metrics: { cpu_usage_percent: '45.2', docker_images_count: '12' }, performance: { rollback_speed: 'fast', efficiency_score: '100' } };
const seed2 = { timestamp: '2025-01-28T09:00:00Z', event: 'rollback_failed', version: 'def5678', duration_seconds: '12', status: 'failed' };
const mine = { timestamp: '2025-02-01T00:00:00Z', event: 'rollback_success', version: 'v9', duration_seconds: 3.5 };
const pretty = (o: unknown): string => JSON.stringify(o, null, 2);

const table: Array<{ name: string; text: string; kind: 'array' | 'concatenated' | 'invalid'; entries?: unknown[]; imported?: number }> = [
  { name: 'reprise\'s array', text: pretty([mine]), kind: 'array', entries: [mine] },
  { name: 'an empty array', text: '[]\n', kind: 'array', entries: [] },
  { name: 'objects back to back: {…}{…}', text: JSON.stringify(seed1) + JSON.stringify(seed2), kind: 'concatenated', entries: [seed1, seed2], imported: 2 },
  { name: 'pretty objects one after the other (what cat >> writes)', text: `${pretty(seed1)}\n${pretty(seed2)}\n`, kind: 'concatenated', entries: [seed1, seed2], imported: 2 },
  { name: 'one object per line (JSON lines), CRLF', text: `${JSON.stringify(seed1)}\r\n${JSON.stringify(seed2)}\r\n`, kind: 'concatenated', entries: [seed1, seed2], imported: 2 },
  { name: 'a single object of the old script (one rollback)', text: pretty(seed1), kind: 'concatenated', entries: [seed1], imported: 1 },
  { name: 'reprise\'s array then objects the old script appended', text: `${pretty([mine])}\n${pretty(seed2)}\n`, kind: 'concatenated', entries: [mine, seed2], imported: 1 },
  { name: 'strings holding braces and escaped quotes', text: JSON.stringify({ ...seed1, version: 'a}b{"[' }) + '\n' + JSON.stringify(seed2), kind: 'concatenated', entries: [{ ...seed1, version: 'a}b{"[' }, seed2], imported: 2 },
  { name: 'empty file', text: '  \n', kind: 'invalid' },
  { name: 'a truncated array', text: '[{"version": "a"}, {"vers', kind: 'invalid' },
  { name: 'objects, the last one cut short by a crash', text: `${JSON.stringify(seed1)}\n{"timestamp": "2025`, kind: 'invalid' },
  { name: 'a lone object that is not a metrics entry', text: '{"version": "b"}', kind: 'invalid' },
  { name: 'objects that are not metrics entries', text: '{}{}', kind: 'invalid' },
  { name: 'one entry and one stranger', text: JSON.stringify(seed1) + '{"hello": 1}', kind: 'invalid' },
  { name: 'objects separated by commas', text: JSON.stringify(seed1) + ',' + JSON.stringify(seed2), kind: 'invalid' },
  { name: 'a scalar after an entry', text: JSON.stringify(seed1) + ' 42', kind: 'invalid' },
  { name: 'text after an entry', text: JSON.stringify(seed1) + '\nrollback done', kind: 'invalid' },
];

for (const row of table) {
  test(`metrics text: ${row.name} → ${row.kind}`, () => {
    const r = readMetricsText(row.text);
    assert.equal(r.kind, row.kind, JSON.stringify(r));
    if (r.kind === 'invalid') {
      assert.ok(r.reason.length > 0);
      return;
    }
    // entries exactly as written: numbers stay strings, nothing added or reordered
    assert.deepEqual(r.entries, row.entries);
    if (r.kind === 'concatenated') assert.equal(r.imported, row.imported);
  });
}

test('splitJsonValues: the pieces as written, whitespace between them dropped; null for stray text', () => {
  assert.deepEqual(splitJsonValues(' {"a":"}"}\n[1,{"b":[2]}]  '), ['{"a":"}"}', '[1,{"b":[2]}]']);
  assert.deepEqual(splitJsonValues('{"a":"\\\\"}{"b":1}'), ['{"a":"\\\\"}', '{"b":1}']);
  assert.deepEqual(splitJsonValues(''), []);
  assert.equal(splitJsonValues('{"a":1} x'), null);
  assert.equal(splitJsonValues('{"a":1'), null);
});
