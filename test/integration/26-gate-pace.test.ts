// A gate at reprise's pace (issue 17, item 2): the release gate runs the container's own healthcheck itself
// (Engine API exec, every health.interval) instead of waiting for Docker's next scheduled run.
//
// The demo stack, its versioned services' healthchecks made slow the way real stacks have them: Docker runs
// them every 60 s, with a 10 s start period and 3 retries (on engines >= 25, whose default start_interval of
// 5 s would probe during the start period, `start_interval: 60s` keeps Docker's first run at 60 s too). The
// gate's timeout (reprise.yml, 30 s) is shorter than Docker's first run: a gate waiting for Docker's verdict
// could pass no release at all. So:
// (a) deploy A, then B: each passes, and right after it Docker's own healthcheck has not run once (status
//     `starting`, empty log) in any new long-running container — reprise declared them healthy itself, both
//     for the start-first services (api, frontend: the new container watched beside the old) and the
//     recreated one (bot);
// (b) a never-healthy version (`--broken unhealthy`: api's /health says unhealthy, its healthcheck exits 1)
//     fails with exit 3 and a reason naming the healthcheck's command and exit code after its start period
//     and 3 failed runs — neither Docker's verdict (its first run is 60 s away) nor the 30 s timeout — and the
//     stack is back on B.
// No wall-clock assertion: what proves the pace is the order of events (Docker had not run, the timeout had
// not come) and the reason reprise gives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertNoSecrets,
  cleanupAll,
  composeV2Available,
  containers,
  deployOk,
  docker,
  expectCode,
  expectedImages,
  LONG_RUNNING,
  portAllocator,
  reprise,
  stackProblem,
  versionedImages,
  stackOnTwoVersions,
  type Project,
} from './harness';

const ports = portAllocator(26);
after(() => cleanupAll());

/** The engine's API version (>= 1.44: Docker 25+, whose healthchecks have a start_interval). */
function engineApi(): string {
  return docker(['version', '--format', '{{.Server.APIVersion}}']).stdout.trim();
}
const newer = (v: string, than: string): boolean => {
  const [a, b] = v.split('.').map(Number);
  const [c, d] = than.split('.').map(Number);
  return a > c || (a === c && b >= d);
};
const startInterval = newer(engineApi() || '0.0', '1.44');
// compose v1 (1.29) does not know start_interval: engines that have it need compose v2
const skip = startInterval && !composeV2Available() ? 'this engine probes every 5 s in the start period, and start_interval needs compose v2, not installed here' : false;

/** The demo's healthcheck timing of api, frontend and bot (their test lines probe ports 8000, 4444, 8001; the
 * proxy's block, on 8080, has the same timing and is left alone), and the slow one of this test. */
const DEMO_TIMING = /(127\.0\.0\.1:(?:8000|8001|4444)\/health[^\n]*\n {6})interval: 10s\n {6}timeout: 5s\n {6}retries: 3\n {6}start_period: 2s\n/g;
const SLOW_TIMING = `interval: 60s\n      timeout: 5s\n      retries: 3\n      start_period: 10s\n${startInterval ? '      start_interval: 60s\n' : ''}`;

interface Health {
  Status: string;
  Log: unknown[] | null;
}

/** Docker's own health record of every running container of a long-running versioned service. */
function dockerHealth(p: Project): Array<{ service: string; image: string; health: Health | null }> {
  return containers(p)
    .filter((c) => (LONG_RUNNING as readonly string[]).includes(c.service) && c.state === 'running')
    .map((c) => {
      const r = docker(['inspect', '--format', '{{json .State.Health}}', c.id]);
      return { service: c.service, image: c.image, health: r.status === 0 ? (JSON.parse(r.stdout) as Health | null) : null };
    });
}

describe('the gate runs the healthcheck itself: Docker every 60 s, start period 10 s, 3 retries; gate timeout 30 s', { skip }, () => {
  // the first deploy (G) starts everything with the demo's own healthchecks (the proxy waits for a healthy api)
  const { p, A, B, BAD } = stackOnTwoVersions({
    label: 'pace',
    ports: ports(0),
    compose: startInterval ? 'v2' : composeV2Available() ? 'v2' : 'v1',
    versions: { G: 'g', A: 'a', B: 'b', BAD: { prefix: 'x', broken: 'unhealthy' } },
    deploy: ['G'],
    healthy: true,
  });

  before(() => {
    const file = join(p.dir, 'docker-compose.yml');
    const text = readFileSync(file, 'utf8');
    assert.equal([...text.matchAll(DEMO_TIMING)].length, 3, "the demo's api, frontend and bot healthchecks are found");
    writeFileSync(file, text.replace(DEMO_TIMING, (_m, head: string) => `${head}${SLOW_TIMING}`));
  });

  for (const V of [A, B]) {
    test(`deploy ${V === A ? 'A' : 'B'}: passes before Docker ran its healthcheck even once`, () => {
      const r = deployOk(p, V);
      assert.deepEqual(versionedImages(p), expectedImages(V));
      const seen = dockerHealth(p);
      assert.deepEqual(seen.map((s) => s.service).sort(), [...LONG_RUNNING].sort(), `one running container each: ${JSON.stringify(seen)}`);
      for (const s of seen) {
        assert.equal(s.image.endsWith(`:${V}`), true, `${s.service} runs ${s.image}`);
        assert.equal(s.health?.Status, 'starting', `${s.service}: Docker's own verdict had not come (${JSON.stringify(s.health)})`);
        assert.equal((s.health?.Log ?? []).length, 0, `${s.service}: Docker had not run its healthcheck once`);
      }
      // the release is recorded as a success like any other
      const h = expectCode(reprise(p, ['history', '--json']), 0, 'history');
      const release = (h.json.releases as Array<{ kind: string; version: string; outcome: string }>).find((x) => x.kind === 'deploy' && x.version === V);
      assert.equal(release?.outcome, 'success', JSON.stringify(r.json));
    });
  }

  test('a never-healthy version fails on its healthcheck after the start period and 3 runs (exit 3), back on B', () => {
    const r = reprise(p, ['deploy', BAD, '--yes', '--json']);
    expectCode(r, 3, `deploy ${BAD} (never healthy)`);
    assertNoSecrets(p, r, 'failed deploy');
    assert.equal(r.json?.error?.code, 'HEALTH_CHECK_FAILED');
    const details = r.json.error.details as { service: string; reason: string };
    assert.equal(details.service, 'api');
    // the healthcheck's own command, its exit code, after its start period: the gate's runs decided
    assert.match(details.reason, /^healthcheck `wget -q -O - http:\/\/127\.0\.0\.1:8000\/health \| grep -q '"status":"ok"'` failed 3 times in a row after its 10 s start period \(exit code 1\b/);
    assert.match(r.json.error.message, /failed 3 times in a row/);
    // neither Docker's verdict nor the gate's timeout
    assert.doesNotMatch(details.reason, /Docker healthcheck|not healthy after/);

    // back on B, one running container per long-running service, not mixed, healthy (by Docker, or by its
    // healthcheck run now while Docker still says starting: helpers' healthyNow)
    assert.deepEqual(versionedImages(p), expectedImages(B));
    assert.equal(stackProblem(p, B), null);
    const running = containers(p).filter((c) => (LONG_RUNNING as readonly string[]).includes(c.service) && c.state === 'running');
    assert.deepEqual(running.map((c) => `${c.service}:${c.image}`).sort(), LONG_RUNNING.map((s) => `${s}:recyclic-${s}:${B}`).sort());
    const s = expectCode(reprise(p, ['status', '--json']), 0, 'status');
    assert.equal(s.json.version, B);
    assert.equal(s.json.mixed, false);
    const h = expectCode(reprise(p, ['history', '--json']), 0, 'history');
    const releases = h.json.releases as Array<{ kind: string; trigger: string; version: string; fromVersion: string | null; outcome: string }>;
    assert.ok(
      releases.some((x) => x.kind === 'rollback' && x.trigger === 'auto' && x.version === B && x.fromVersion === BAD && x.outcome === 'success'),
      `the automatic rollback ${BAD} → ${B} is recorded: ${JSON.stringify(releases.slice(0, 3))}`,
    );
  });
});
