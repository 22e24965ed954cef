// The gate runs the container's own healthcheck (issue 17): the definition read as Docker reads it (defaults
// for 0 values, the command it executes), the verdict on the runs so far by Docker's rules (a table), and the
// recognition of HTTP healthchecks (curl/wget of a local URL, a table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { healthcheckCommand, healthcheckOf, healthcheckVerdict, outputTail, type HealthcheckDefinition, type TimedRun } from '../../src/domain/healthcheck';
import { healthcheckHttpUrl } from '../../src/domain/healthcheck-http';

const S = 1e9; // Docker's durations are nanoseconds

test('healthcheckCommand: CMD runs its arguments, CMD-SHELL the script behind the shell, NONE nothing', () => {
  const rows: Array<[string[] | null, string[] | null, string[] | null]> = [
    [['CMD', 'curl', '-f', 'http://localhost:8000/health'], null, ['curl', '-f', 'http://localhost:8000/health']],
    [['CMD-SHELL', 'wget -qO- http://127.0.0.1:8000/health || exit 1'], null, ['/bin/sh', '-c', 'wget -qO- http://127.0.0.1:8000/health || exit 1']],
    [['CMD-SHELL', 'pg_isready'], ['/bin/bash', '-o', 'pipefail', '-c'], ['/bin/bash', '-o', 'pipefail', '-c', 'pg_isready']], // the image's SHELL
    [['CMD-SHELL', 'pg_isready'], [], ['/bin/sh', '-c', 'pg_isready']],
    [['NONE'], null, null],
    [[], null, null],
    [null, null, null],
    [['CMD'], null, null],
    [['BOGUS', 'x'], null, null],
  ];
  for (const [t, shell, expected] of rows) assert.deepEqual(healthcheckCommand(t, shell), expected, JSON.stringify(t));
});

test("healthcheckOf: Docker's defaults for 0 values (30 s, 30 s, 0, 3); none without a test", () => {
  assert.deepEqual(healthcheckOf({ Healthcheck: { Test: ['CMD-SHELL', 'true'] } }), {
    test: ['CMD-SHELL', 'true'],
    command: ['/bin/sh', '-c', 'true'],
    intervalMs: 30_000,
    timeoutMs: 30_000,
    startPeriodMs: 0,
    retries: 3,
  });
  assert.deepEqual(healthcheckOf({ Healthcheck: { Test: ['CMD', 'true'], Interval: 30 * S, Timeout: 2 * S, StartPeriod: 10 * S, Retries: 5 }, Shell: null }), {
    test: ['CMD', 'true'],
    command: ['true'],
    intervalMs: 30_000,
    timeoutMs: 2_000,
    startPeriodMs: 10_000,
    retries: 5,
  });
  assert.equal(healthcheckOf({ Healthcheck: { Test: ['NONE'] } }), null);
  assert.equal(healthcheckOf({}), null);
  assert.equal(healthcheckOf(null), null);
});

const def = (startPeriodMs: number, retries = 3): HealthcheckDefinition => ({
  test: ['CMD-SHELL', 'wget -qO- http://127.0.0.1:8000/health | grep -q ok'],
  command: ['/bin/sh', '-c', 'wget -qO- http://127.0.0.1:8000/health | grep -q ok'],
  intervalMs: 30_000,
  timeoutMs: 2_000,
  startPeriodMs,
  retries,
});
const run = (startedAt: number, exitCode: number, output = ''): TimedRun => ({ startedAt, exitCode, output, durationMs: 5 });

test("healthcheckVerdict: Docker's rules at reprise's pace (a table)", () => {
  // [what, start period, retries, runs (start ms after the gate first saw the container, exit code), now, state, reason part]
  const rows: Array<[string, number, number, Array<[number, number]>, number, 'healthy' | 'unhealthy' | 'pending', RegExp | null]> = [
    ['no run yet', 10_000, 3, [], 0, 'pending', /not run yet/],
    ['a first success passes at once', 10_000, 3, [[0, 0]], 10, 'healthy', null],
    ['a success inside the start period passes', 10_000, 3, [[0, 1], [1_000, 1], [2_000, 0]], 2_010, 'healthy', null],
    ['failures inside the start period do not count', 10_000, 3, [[0, 1], [1_000, 1], [2_000, 1], [3_000, 1], [9_999, 1]], 10_000, 'pending', /0 of 3 failures counted; 5 earlier not counted/],
    ['after it, fewer than retries in a row: pending', 10_000, 3, [[9_000, 1], [10_000, 1], [11_000, 1]], 11_100, 'pending', /2 of 3 failures counted; 1 earlier not counted/],
    ['after it, retries in a row: unhealthy', 10_000, 3, [[9_000, 1], [10_000, 1], [11_000, 1], [12_000, 1]], 12_100, 'unhealthy', /failed 3 times in a row after its 10 s start period \(exit code 1\)/],
    ['no start period: failures before Docker\'s first run (its interval) do not count', 0, 3, [[0, 1], [1_000, 1], [2_000, 7]], 2_100, 'pending', /27\.9 s of Docker's 30 s interval \(no start period\) left/],
    ['no start period: after Docker\'s interval, retries failures fail', 0, 3, [[29_000, 1], [30_000, 1], [31_000, 1], [32_000, 7]], 32_100, 'unhealthy', /failed 3 times in a row after Docker's 30 s interval \(no start period\) \(exit code 7\)/],
    ['a success after failures passes (the gate stops there)', 0, 3, [[0, 1], [1_000, 1], [2_000, 0]], 2_100, 'healthy', null],
    ['retries 1: the first counted failure fails', 5_000, 1, [[0, 1], [5_000, 1]], 5_100, 'unhealthy', /failed 1 times in a row after its 5 s start period/],
    ['a timeout (-1) is a failure', 0, 2, [[30_000, -1], [32_000, -1]], 34_100, 'unhealthy', /no exit code/],
    ['still in the start period: time left said', 10_000, 3, [[0, 1]], 4_000, 'pending', /6 s of its 10 s start period left/],
  ];
  const start = 1_000_000;
  for (const [what, sp, retries, runs, now, state, reason] of rows) {
    const v = healthcheckVerdict(def(sp, retries), start, runs.map(([at, code]) => run(start + at, code)), start + now);
    assert.equal(v.state, state, what);
    if (reason) assert.match(v.reason ?? '', reason, what);
    else assert.equal(v.reason, null, what);
  }
});

test('healthcheckVerdict: the reason names the command and the tail of its output', () => {
  const out = `Connecting to 127.0.0.1:8000\n${'x'.repeat(500)} wget: server returned error: HTTP/1.1 500 Internal Server Error\n`;
  const v = healthcheckVerdict(def(5_000, 1), 0, [run(5_000, 1, out)], 5_010);
  assert.equal(v.state, 'unhealthy');
  assert.match(v.reason!, /^healthcheck `wget -qO- http:\/\/127\.0\.0\.1:8000\/health \| grep -q ok` failed 1 times in a row after its 5 s start period \(exit code 1: …/);
  assert.match(v.reason!, /wget: server returned error: HTTP\/1\.1 500 Internal Server Error\)$/);
  assert.ok(!v.reason!.includes('x'.repeat(300)), 'the output is bounded');
});

test('outputTail: one line, bounded, cut at a space so a word is never shown in part', () => {
  assert.equal(outputTail('a\nb  c\n'), 'a b c');
  assert.equal(outputTail('alpha beta gamma delta', 12), '… gamma delta');
  assert.equal(outputTail('secretvaluewithoutspaces', 10), '…');
  assert.equal(outputTail(''), '');
});

test('healthcheckHttpUrl: curl or wget of a local URL, in every form (a table)', () => {
  const rows: Array<[string[] | string | null, string | null]> = [
    [['CMD', 'curl', '-f', 'http://localhost:8000/health'], 'http://localhost:8000/health'],
    [['CMD-SHELL', 'wget -qO- http://127.0.0.1:8000/health || exit 1'], 'http://127.0.0.1:8000/health'],
    [['CMD-SHELL', 'curl -f http://localhost:8000/health'], 'http://localhost:8000/health'],
    [['CMD-SHELL', "wget -q -O - http://127.0.0.1:8000/health | grep -q '\"status\":\"ok\"'"], 'http://127.0.0.1:8000/health'],
    [['CMD-SHELL', 'curl -sf -o /dev/null -w "%{http_code}" "http://localhost:8080/healthz?full=1"'], 'http://localhost:8080/healthz?full=1'],
    [['CMD-SHELL', 'timeout 5 curl --fail localhost:3000/ready'], 'http://localhost:3000/ready'],
    [['CMD-SHELL', 'test -f /tmp/ready && wget --spider -q http://0.0.0.0:80/'], 'http://0.0.0.0:80/'],
    [['CMD', '/usr/bin/wget', '--spider', 'http://[::1]:4444/healthz'], 'http://[::1]:4444/healthz'],
    [['CMD', 'sh', '-c', 'curl -fsS http://127.0.0.1:9000/ping || exit 1'], 'http://127.0.0.1:9000/ping'],
    ['curl -fsS https://localhost:8443/health || exit 1', 'https://localhost:8443/health'], // compose's string form
    [['CMD', 'curl', '-f', 'https://api.example.org/health'], null], // not the container itself
    [['CMD-SHELL', 'curl -f http://localhost:${PORT}/health'], null], // a variable: not known here
    [['CMD-SHELL', 'echo PING | nc -w 1 127.0.0.1 5432 | grep -q PONG'], null],
    [['CMD-SHELL', 'echo http://localhost:8000/health'], null], // no HTTP client
    [['CMD', 'pg_isready', '-h', 'localhost'], null],
    [['NONE'], null],
    [[], null],
    [null, null],
  ];
  for (const [t, url] of rows) assert.equal(healthcheckHttpUrl(t), url, JSON.stringify(t));
});
