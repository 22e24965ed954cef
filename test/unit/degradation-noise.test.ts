// Issue 20 item 5: the degradation criterion (guide §2.1, "> 50 %") on millisecond noise. A healthy stack
// whose latency merely jitters (2 ms → 3.9 ms, +95 %) is never judged degraded — by verify or by monitor —
// while a real slowdown (a version that sleeps 300 ms per request) still is; the floor is configurable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { degradationCheck } from '../../src/domain/checks';
import { Criteria, settingsWithDefaults } from '../../src/domain/criteria';
import { DEFAULT_THRESHOLDS } from '../../src/domain/thresholds';

const baseline = { medianMs: 2, version: 'v1' };

test('verify: 2 ms → 3.9 ms is jitter, not a degradation', () => {
  const c = degradationCheck('frontend', 'http://127.0.0.1:4444/health', 3.9, baseline, DEFAULT_THRESHOLDS);
  assert.equal(c.ok, true, c.detail);
});

test('verify: jitter anywhere under the floor is never a degradation, whatever the percentage', () => {
  for (const current of [2.5, 4, 10, 30, 51.9]) {
    const c = degradationCheck('api', 'u', current, baseline, DEFAULT_THRESHOLDS);
    assert.equal(c.ok, true, `${current} ms: ${c.detail}`);
  }
});

test('verify: a version that sleeps 300 ms per request is degraded', () => {
  const c = degradationCheck('api', 'u', 302, baseline, DEFAULT_THRESHOLDS);
  assert.equal(c.ok, false, c.detail);
  assert.equal(c.threshold, 52, 'the limit is the baseline + the floor (50 ms) when that is above +50 %');
});

test('verify: on a slow service the percentage decides (400 ms → 650 ms, +62 %)', () => {
  const c = degradationCheck('api', 'u', 650, { medianMs: 400, version: 'v1' }, DEFAULT_THRESHOLDS);
  assert.equal(c.ok, false);
  assert.equal(c.threshold, 600);
});

test('verify: the floor is configurable (degradation_min_ms)', () => {
  const t = { ...DEFAULT_THRESHOLDS, degradationMinMs: 0 };
  assert.equal(degradationCheck('api', 'u', 3.9, baseline, t).ok, false, 'no floor: +95 % is degraded');
  assert.equal(degradationCheck('api', 'u', 150, baseline, { ...DEFAULT_THRESHOLDS, degradationMinMs: 200 }).ok, true);
});

test('monitor: a window of jittering samples is never a degradation; a 300 ms slowdown is', () => {
  const settings = settingsWithDefaults({ errorRatePercent: 1, degradationPercent: 50, minDegradationMs: DEFAULT_THRESHOLDS.degradationMinMs, baselineMedianMs: { u: 2 } });
  const jitter = new Criteria(settings);
  let at = 0;
  for (let i = 0; i < 40; i++) {
    const f = jitter.addSample({ at: (at += 100), service: 'api', url: 'u', ok: true, status: 200, latencyMs: 2 + (i % 5) * 0.9, reason: null });
    assert.equal(f, null, `sample ${i}`);
  }
  const slow = new Criteria(settings);
  let found = null;
  for (let i = 0; i < 40 && !found; i++) found = slow.addSample({ at: (at += 100), service: 'api', url: 'u', ok: true, status: 200, latencyMs: 302, reason: null });
  assert.equal(found?.criterion, 'latency_degradation');
});
