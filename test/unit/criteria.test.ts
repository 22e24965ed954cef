import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Criteria, detectionBoundMs, evaluateStream, settingsWithDefaults, type Sample } from '../../src/domain/criteria';

const URL = 'http://127.0.0.1:8000/health';
const settings = (extra: Parameters<typeof settingsWithDefaults>[0] extends infer P ? Partial<P> : never = {}) =>
  settingsWithDefaults({ errorRatePercent: 1, degradationPercent: 50, ...extra });

function ok(at: number, latencyMs = 5): Sample {
  return { at, service: 'api', url: URL, ok: true, status: 200, latencyMs };
}
function http500(at: number): Sample {
  return { at, service: 'api', url: URL, ok: false, status: 500, latencyMs: 3, reason: 'HTTP 500' };
}
function refused(at: number): Sample {
  return { at, service: 'api', url: URL, ok: false, status: null, latencyMs: 1, reason: 'ECONNREFUSED' };
}

test('a healthy stream meets no criterion', () => {
  const samples = Array.from({ length: 200 }, (_, i) => ok(i * 1000, 4 + (i % 3)));
  assert.equal(evaluateStream(samples, [], settings({ baselineMedianMs: { [URL]: 5 } })), null);
});

test('one blip (any kind) never rolls back, nor do two in a window', () => {
  for (const bad of [http500, refused]) {
    const s = Array.from({ length: 60 }, (_, i) => (i === 30 || i === 40 ? bad(i * 1000) : ok(i * 1000)));
    assert.equal(evaluateStream(s, [], settings()), null, bad.name);
  }
  // a blip right at the start, with an almost empty window
  assert.equal(evaluateStream([http500(0), ok(1000), ok(2000)], [], settings()), null);
});

test('not_answering: N consecutive probes without an answer, detected at the N-th', () => {
  const s = [ok(0), ok(1000), refused(2000), refused(3000), refused(4000), refused(5000)];
  const c = new Criteria(settings());
  let fired = null;
  for (const x of s) {
    fired = c.addSample(x);
    if (fired) break;
  }
  assert.ok(fired);
  assert.equal(fired.criterion, 'not_answering');
  assert.equal(fired.service, 'api');
  assert.equal(fired.measured, 3);
  assert.equal(fired.threshold, 3);
  assert.equal(fired.at, 4000);
  assert.match(fired.detail, /ECONNREFUSED/);
});

test('detection bound: a service that stops answering is detected within interval × N (+ probe timeout), ≤ 10 s with defaults', () => {
  const intervalMs = 1000;
  const timeoutMs = 2000;
  const bound = detectionBoundMs(intervalMs, 3, timeoutMs);
  assert.ok(bound <= 10_000, `bound ${bound} ms`);
  // worst case: probes hang until their timeout; one in flight per URL, ticks every interval
  for (const onset of [10_000, 10_001, 10_500, 10_999]) {
    const samples: Sample[] = [];
    let t = 0;
    while (t < 60_000) {
      if (t < onset) {
        samples.push(ok(t));
        t += intervalMs;
      } else {
        // the answer of a probe started at t arrives at t + timeout; the next probe starts on the next tick
        samples.push({ ...refused(t + timeoutMs), reason: 'no answer within 2000 ms' });
        t += Math.ceil(timeoutMs / intervalMs) * intervalMs;
      }
    }
    const f = evaluateStream(samples, [], settings());
    assert.ok(f && f.criterion === 'not_answering');
    assert.ok(f.at - onset <= bound, `onset ${onset}: detected after ${f.at - onset} ms > ${bound}`);
  }
});

test('error_rate: consecutive 5xx answers fire error_rate (not not_answering), with the measured rate', () => {
  const s = [...Array.from({ length: 20 }, (_, i) => ok(i * 1000)), http500(20_000), http500(21_000), http500(22_000)];
  const f = evaluateStream(s, [], settings());
  assert.ok(f);
  assert.equal(f.criterion, 'error_rate');
  assert.equal(f.measured, 15); // 3 of the last 20
  assert.equal(f.threshold, 1);
  assert.equal(f.unit, '%');
  assert.equal(f.at, 22_000);
});

test('error_rate: intermittent failures above the threshold fire once at least N failed in the window', () => {
  const s = Array.from({ length: 20 }, (_, i) => (i % 4 === 3 ? http500(i * 1000) : ok(i * 1000)));
  const f = evaluateStream(s, [], settings());
  assert.ok(f);
  assert.equal(f.criterion, 'error_rate');
  assert.equal(f.at, 11_000); // 3rd failure
});

test('error_rate: below a high threshold nothing fires', () => {
  const s = Array.from({ length: 40 }, (_, i) => (i % 4 === 3 ? http500(i * 1000) : ok(i * 1000)));
  assert.equal(evaluateStream(s, [], settings({ errorRatePercent: 30 })), null);
});

test('error_rate: a version that fails from its first probe fires after N probes (window not yet full)', () => {
  const f = evaluateStream([http500(0), http500(1000), http500(2000)], [], settings());
  assert.equal(f?.criterion, 'error_rate');
  assert.equal(f?.measured, 100);
});

test('a recovery resets the streak', () => {
  const s = [refused(0), refused(1000), ok(2000), refused(3000), refused(4000), ok(5000)];
  // never not_answering; error_rate once the window holds minSamples (5): 4 of 5 failed
  const f = evaluateStream(s, [], settings());
  assert.equal(f?.criterion, 'error_rate');
  assert.equal(f?.at, 4000);
});

test('latency_degradation: median above baseline × 1.5 over a full window of probes', () => {
  const base = { [URL]: 10 };
  const s = [...Array.from({ length: 20 }, (_, i) => ok(i * 1000, 10)), ...Array.from({ length: 20 }, (_, i) => ok(20_000 + i * 1000, 340))];
  const f = evaluateStream(s, [], settings({ baselineMedianMs: base }));
  assert.ok(f);
  assert.equal(f.criterion, 'latency_degradation');
  assert.ok(f.measured > 60);
  assert.equal(f.threshold, 60); // max(10 × 1.5, 10 + 50 ms)
  assert.equal(f.at, 29_000); // 10 slow of 20: the median (mean of the two middle ones) is 175 ms
});

test('latency: no baseline, too few samples, or a tiny absolute change → no criterion', () => {
  const slow = Array.from({ length: 30 }, (_, i) => ok(i * 1000, 400));
  assert.equal(evaluateStream(slow, [], settings()), null, 'no baseline');
  assert.equal(evaluateStream(slow.slice(0, 19), [], settings({ baselineMedianMs: { [URL]: 10 } })), null, 'less than a full window');
  const noisy = Array.from({ length: 30 }, (_, i) => ok(i * 1000, 4));
  assert.equal(evaluateStream(noisy, [], settings({ baselineMedianMs: { [URL]: 1.5 } })), null, '1.5 ms → 4 ms is noise');
  const f = evaluateStream(slow.slice(0, 20), [], settings({ baselineMedianMs: { [URL]: 10 } }));
  assert.equal(f?.criterion, 'latency_degradation');
  assert.equal(f?.at, 19_000, 'judged at the twentieth answered probe');
});

test('latency: a few slow probes while the host is busy are not a degradation (CI, 9.2 ms → 67.7 ms over 5 probes)', () => {
  const base = { [URL]: 9.2 };
  // the first five probes of a watch on a loaded 2-core machine, then the service's usual pace
  const s = [...[61, 67.7, 72, 66, 70].map((ms, i) => ok(i * 200, ms)), ...Array.from({ length: 30 }, (_, i) => ok(1000 + i * 200, 9 + (i % 4)))];
  assert.equal(evaluateStream(s, [], settings({ baselineMedianMs: base })), null);
});

test('critical_logs: one line is not enough; a burst within the window is', () => {
  const hit = (at: number, service = 'api') => ({ at, service, line: '[api] ERROR Internal Server Error', pattern: 'Internal Server Error' });
  assert.equal(evaluateStream([], [hit(0)], settings()), null);
  assert.equal(evaluateStream([], [hit(0), hit(40_000), hit(80_000)], settings()), null, 'spread over minutes');
  assert.equal(evaluateStream([], [hit(0), hit(1000, 'bot'), hit(2000, 'frontend')], settings()), null, 'one line per service');
  const f = evaluateStream([], [hit(0), hit(5000), hit(10_000)], settings());
  assert.equal(f?.criterion, 'critical_logs');
  assert.equal(f?.measured, 3);
  assert.equal(f?.facts.patterns, 'Internal Server Error');
});

test('services are judged apart, and the first criterion met wins and stays', () => {
  const bot = (at: number): Sample => ({ at, service: 'bot', url: 'http://127.0.0.1:8001/health', ok: false, status: null, latencyMs: 0 });
  const c = new Criteria(settings());
  c.addSample(refused(0));
  c.addSample(bot(0));
  c.addSample(refused(1000));
  assert.equal(c.addSample(ok(2000)), null);
  c.addSample(bot(1000));
  const f = c.addSample(bot(2000));
  assert.equal(f?.service, 'bot');
  assert.equal(c.addSample(refused(3000)), f, 'stays fired');
  assert.equal(c.condition(URL), 'ok', 'samples after the finding are ignored');
});

test('condition: ok → failing → ok, and slow', () => {
  const c = new Criteria(settings({ baselineMedianMs: { [URL]: 10 } }));
  c.addSample(ok(0));
  assert.equal(c.condition(URL), 'ok');
  c.addSample(http500(1000));
  assert.equal(c.condition(URL), 'failing');
  c.addSample(ok(2000, 200));
  c.addSample(ok(3000, 200));
  assert.equal(c.condition(URL), 'slow');
});
