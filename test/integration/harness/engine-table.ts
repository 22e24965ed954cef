// The engines table: one list of release scenarios (deploy, rollback, failed health check, failing one-shot,
// named rollback, monitor, doctor, lock, emergency, kill -9, --with-config, prune) run against each engine
// as its own row — compose v2 and a single-node swarm on the default engine (18-engines), compose 2.40 on
// the current engine (25-current-engine). Each row owns one stack, removed when the row ends.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { botApi } from '../../fixtures/bot-api';
import { addSwarmOverlay, ensureSwarm, leaveSwarm, serviceTasks, specImage, type EngineReality } from './engines';
import { assertSeedKeys, parseEnv, readMetrics } from './files';
import { buildImages } from './images';
import { docker, expectedImages } from './observe';
import { LONG_RUNNING, TAG_VARS, VERSIONED } from './paths';
import { makeProject, newVersion, type Project } from './project';
import { assertNoSecrets, deployOk, expectCode, killAtStep, reprise, repriseAsync, rollbackOk, type RunResult } from './run';
import { httpGet, sleep } from './wait';

const TOKEN = '424242:SECRET-engines-token';

export interface EngineRow {
  reality: EngineReality;
  ports: Project['ports'];
  skip: string | false;
  /** the describe's name (default: the reality's) and the project label part */
  label?: string;
  tag?: string;
}

const swarm = { created: false };
const projects: Array<{ p: Project; reality: EngineReality }> = [];
/** Removes a row's stack (one stack at a time on the machine: two demo stacks' healthchecks saturate 2 cores). */
async function cleanupRows(): Promise<void> {
  for (const { p, reality } of projects.splice(0)) reality.cleanup(p);
  if (swarm.created) await leaveSwarm();
  swarm.created = false;
}
after(cleanupRows);

/** Waits (bounded) until the engine really runs `version` everywhere; the problem text otherwise. */
async function settled(reality: EngineReality, p: Project, version: string, timeoutMs = 30_000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let problem = reality.problem(p, version);
  while (problem && Date.now() < deadline) {
    await sleep(500);
    problem = reality.problem(p, version);
  }
  return problem;
}

export function engineTable(row: EngineRow): void {
  const { reality } = row;
  describe(`engine ${row.label ?? reality.name}: the release scenarios`, { skip: row.skip }, () => {
    let p: Project;
    const A = newVersion('a');
    const B = newVersion('b');
    const BAD = newVersion('x'); // api answers 200 {"status":"unhealthy"}: its Docker healthcheck fails
    const MIGFAIL = newVersion('m'); // api-migrations exits 1
    let infra: Record<string, string | undefined>;

    after(cleanupRows);

    before(() => {
      if (reality.name === 'swarm') {
        const s = ensureSwarm();
        assert.equal(s.error, null, s.error ?? '');
        swarm.created = s.created;
      }
      // latency against the previous release's baseline is judged very loosely here: on a shared 2-core CI
      // machine a stack's own healthchecks make a few ms vary tenfold, and this table is about the engines
      // (08-verify and 09-monitor judge latency); verify and monitor still run every other check
      p = makeProject({ label: `eng${row.tag ?? reality.name}`, ports: row.ports, compose: 'v2', extraConfig: 'thresholds: { degradation_percent: 5000 }\n' });
      projects.push({ p, reality });
      if (reality.name === 'swarm') {
        // what an operator changes to move the stack to Swarm: the engine, and the swarm overlay after the compose file
        addSwarmOverlay(p);
        const yml = readFileSync(join(p.dir, 'reprise.yml'), 'utf8');
        writeFileSync(join(p.dir, 'reprise.yml'), `engine: swarm\ncompose_files: [docker-compose.yml, docker-compose.swarm.yml]\n${yml}`);
      }
      buildImages(p, [A, B]);
      buildImages(p, [BAD], ['--broken', 'unhealthy']);
      buildImages(p, [MIGFAIL], ['--broken', 'migrations-fail']);
    });

    test('deploy A then B: every versioned service on its version, the database and cache never replaced', async () => {
      const r = deployOk(p, A);
      assert.equal(r.json.version, A);
      assert.equal(await settled(reality, p, A, 5_000), null, 'after deploy A (reprise said it was healthy)');
      infra = reality.infraIds(p);
      assert.ok(infra.db && infra.cache, `db and cache run: ${JSON.stringify(infra)}`);
      const rb = deployOk(p, B);
      assert.equal(rb.json.fromVersion, A);
      assert.deepEqual(rb.json.changed.sort(), ['api', 'api-migrations', 'bot', 'frontend']);
      assert.equal(await settled(reality, p, B, 5_000), null, 'after deploy B');
      assert.deepEqual(reality.infraIds(p), infra, 'db and cache kept their containers/tasks');
      const s = expectCode(reprise(p, ['status', '--json']), 0, 'status');
      assert.equal(s.json.engine, reality.name);
      assert.equal(s.json.version, B);
      assert.equal(s.json.mixed, false);
      for (const name of LONG_RUNNING) {
        const svc = (s.json.services as Array<{ name: string; version: string; state: string; health: string | null }>).find((x) => x.name === name)!;
        assert.equal(svc.version, B, `status: ${name} version`);
        assert.equal(svc.state, 'running', `status: ${name} state`);
      }
    });

    test('rollback --yes: every service back on A (specs and running tasks on Swarm), metrics entry, .env.rollback, verify passes', async () => {
      const before = readMetrics(p).length;
      const r = rollbackOk(p);
      assert.equal(r.json.version, A);
      assert.equal(r.json.chosenBy, 'history');
      assert.equal(await settled(reality, p, A, 5_000), null, 'after rollback to A');
      assert.deepEqual(reality.images(p), expectedImages(A));
      assert.deepEqual(reality.infraIds(p), infra, 'db and cache untouched by the rollback');
      const api = await httpGet(`http://127.0.0.1:${p.ports.api}/v1/health/version`);
      assert.equal(api && (JSON.parse(api.body) as { version: string }).version, A, 'the api answers as A through the proxy');

      const metrics = readMetrics(p);
      assert.equal(metrics.length, before + 1, 'one metrics entry per rollback');
      const last = metrics[metrics.length - 1];
      assert.equal(last.event, 'rollback_success');
      assert.equal(last.version, A);
      assert.equal(last.from_version, B);
      assertSeedKeys(last, assert.fail);
      for (const s of LONG_RUNNING) assert.equal(typeof last.services[s], 'number', `services.${s}`);

      const file = join(p.dir, '.env.rollback');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const env = parseEnv(readFileSync(file, 'utf8'));
      assert.equal(env.get('POSTGRES_PASSWORD'), p.secrets.POSTGRES_PASSWORD, '.env.rollback keeps the secrets');
      assert.ok(TAG_VARS.every((v) => env.has(v)), '.env.rollback sets every tag variable');

      const v = reprise(p, ['verify', '--json']);
      assert.equal(v.code, 0, `verify passes on ${reality.name}:\n${v.stdout}\n${v.stderr}`);
      assert.equal(v.json.ok, true);
      assertNoSecrets(p, v, 'verify');
    });

    test('a version whose health check fails: exit 3, every service back on A, the admins told', async () => {
      const metricsBefore = readMetrics(p).length;
      const bot = await botApi(TOKEN, 'ok');
      let r: RunResult;
      try {
        r = await repriseAsync(p, ['deploy', BAD, '--yes', '--json'], { TELEGRAM_BOT_TOKEN: TOKEN, ADMIN_TELEGRAM_IDS: '111', TELEGRAM_API_URL: bot.url });
      } finally {
        bot.close();
      }
      const told = bot.received.map((m) => String(m.body.text));
      assert.ok(told.some((text) => text.includes(BAD) && text.includes(A)), `the chat got the failed deploy and the version restored: ${JSON.stringify(told)}`);
      assert.equal(r.code, 3, `exit 3 (rolled back):\n${r.stderr}`);
      assert.ok(!r.stdout.includes(TOKEN) && !r.stderr.includes(TOKEN), 'no token in the output');
      assert.equal(r.json.ok, false);
      assert.equal(r.json.error.code, 'HEALTH_CHECK_FAILED');
      assert.equal(r.json.error.details.service, 'api');
      assert.equal(r.json.error.details.rolledBackTo, A);
      assertNoSecrets(p, r, 'failed deploy');
      assert.equal(await settled(reality, p, A), null, 'every service back on A');
      assert.deepEqual(reality.images(p), expectedImages(A));
      assert.deepEqual(reality.infraIds(p), infra, 'db and cache untouched');
      if (reality.name === 'swarm') {
        // Swarm's own `docker stack deploy` succeeded: the failed version's api task is in the service's
        // history, it never became healthy, and nothing of BAD is left running
        const tasks = serviceTasks(p.name, 'api');
        assert.ok(tasks.some((t) => t.Spec.ContainerSpec.Image.startsWith(`recyclic-api:${BAD}`)), 'Swarm started a task of the failed version');
        assert.ok(!tasks.some((t) => t.Spec.ContainerSpec.Image.startsWith(`recyclic-api:${BAD}`) && t.DesiredState === 'running'), 'no task of the failed version is wanted any more');
      }
      const metrics = readMetrics(p);
      assert.equal(metrics.length, metricsBefore + 1);
      assert.equal(metrics[metrics.length - 1].event, 'auto_rollback_success');
      const h = expectCode(reprise(p, ['history', '--json', '--limit', '3']), 0, 'history');
      const [rb, dep] = h.json.releases as Array<{ kind: string; trigger: string; outcome: string; version: string }>;
      assert.deepEqual([rb.kind, rb.trigger, rb.outcome, rb.version], ['rollback', 'auto', 'success', A]);
      assert.deepEqual([dep.kind, dep.outcome, dep.version], ['deploy', 'rolled_back', BAD]);
      assert.ok(h.json.releases[0].incident, 'an incident report is written');
      const report = readFileSync(join(p.dir, h.json.releases[0].incident, 'report.md'), 'utf8');
      assert.match(report, /ROLLBACK EFFECTUÉ/);
    });

    test('a failing one-shot (migrations exit 1): exit 3, the migrations of A run again, nothing else touched', async () => {
      const r = reprise(p, ['deploy', MIGFAIL, '--yes', '--json']);
      assert.equal(r.code, 3, `exit 3:\n${r.stderr}`);
      assert.equal(r.json.error.details.service, 'api-migrations');
      assert.equal(await settled(reality, p, A), null);
      assert.deepEqual(reality.images(p), expectedImages(A));
    });

    test('a failed one-shot left in place (--no-rollback) runs again when the same version is deployed again', async () => {
      const first = reprise(p, ['deploy', MIGFAIL, '--yes', '--no-rollback', '--json']);
      assert.equal(first.code, 1, `exit 1 (left failed):\n${first.stderr}`);
      const run1 = reality.lastMigrationsRun(p);
      const again = reprise(p, ['deploy', MIGFAIL, '--yes', '--no-rollback', '--json']);
      assert.equal(again.code, 1, `exit 1 again:\n${again.stderr}`);
      assert.equal(again.json.error.details.service, 'api-migrations');
      const run2 = reality.lastMigrationsRun(p);
      assert.ok(run1 && run2 && run1 !== run2, `the migrations ran again (${run1} → ${run2})`);
      deployOk(p, A);
      assert.equal(await settled(reality, p, A), null, 'deploy A runs the migrations of A and the stack is whole again');
    });

    test('rollback to any recorded version by name (B), not only the previous one', async () => {
      const r = rollbackOk(p, [B]);
      assert.equal(r.json.version, B);
      assert.equal(r.json.chosenBy, 'argument');
      assert.equal(await settled(reality, p, B, 5_000), null);
      assert.deepEqual(reality.infraIds(p), infra);
    });

    test('monitor watches the stack for a while: nothing met on a healthy stack (exit 0)', () => {
      const r = reprise(p, ['monitor', '--for', '3s', '--json']);
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      assert.equal(r.json.ok, true);
      assert.equal(r.json.criterion, null);
      assert.ok(r.json.samples > 0, 'the health URLs were probed');
    });

    test('doctor: the engine\'s own checks', () => {
      const r = reprise(p, ['doctor', '--json']);
      const ids = (r.json.checks as Array<{ id: string; status: string }>).map((c) => c.id);
      const swarmCheck = (r.json.checks as Array<{ id: string; status: string }>).find((c) => c.id === 'swarm');
      if (reality.name === 'swarm') assert.ok(swarmCheck && swarmCheck.status !== 'fail', `swarm check passes: ${JSON.stringify(swarmCheck)}`);
      else assert.ok(!ids.includes('swarm'), 'no swarm check for a compose project');
      const services = (r.json.checks as Array<{ id: string; status: string; summary: string }>).find((c) => c.id === 'services');
      assert.equal(services?.status, 'ok', `services: ${services?.summary}`);
    });

    test('the lock: an operation held by another exits 4 and changes nothing', () => {
      expectCode(reprise(p, ['lock', 'acquire', '-m', 'maintenance']), 0, 'lock acquire');
      const images = reality.images(p);
      const r = reprise(p, ['rollback', A, '--yes', '--json']);
      assert.equal(r.code, 4);
      assert.equal(r.json.error.code, 'LOCKED');
      assert.deepEqual(reality.images(p), images, 'nothing changed');
      expectCode(reprise(p, ['lock', 'release']), 0, 'lock release');
    });

    test('emergency A: no prompt, straight back, emergency metrics entry', async () => {
      const r = expectCode(reprise(p, ['emergency', A, '--json']), 0, 'emergency');
      assert.equal(r.json.version, A);
      assert.equal(await settled(reality, p, A, 5_000), null);
      const last = readMetrics(p).at(-1)!;
      assert.equal(last.event, 'emergency_rollback_success');
      assert.equal(last.trigger, 'emergency');
    });

    test('kill -9 in the middle of a deploy: status reports it, rollback --yes leaves one healthy version', async () => {
      await killAtStep(p, ['deploy', B, '--yes'], 'applied:api');
      const s = expectCode(reprise(p, ['status', '--json']), 0, 'status');
      assert.equal(s.json.interrupted?.kind, 'deploy');
      assert.equal(s.json.interrupted?.version, B);
      const r = rollbackOk(p);
      assert.equal(r.json.version, A, 'the interrupted deploy is undone');
      assert.equal(await settled(reality, p, A), null);
      const h = expectCode(reprise(p, ['history', '--json']), 0, 'history');
      assert.ok((h.json.releases as Array<{ outcome: string }>).some((x) => x.outcome === 'interrupted'), 'the killed deploy is recorded as interrupted');
    });

    test('rollback --with-config puts the target release\'s compose definition back (Swarm: the service spec too)', async () => {
      const file = join(p.dir, 'docker-compose.yml');
      const composeA = readFileSync(file, 'utf8');
      const line = '      CORS_ORIGINS: ${CORS_ORIGINS:-http://localhost:4444}\n';
      assert.equal(composeA.split(line).length, 2, 'the demo compose file has the CORS line once');
      writeFileSync(file, composeA.replace(line, `${line}      FEATURE_FLAG: "on"\n`));
      deployOk(p, B);
      assert.equal(await settled(reality, p, B, 5_000), null, 'after deploy B with the new variable');
      assert.ok(reality.env(p, 'api').includes('FEATURE_FLAG=on'), 'B runs with the added variable');
      const r = expectCode(reprise(p, ['rollback', '--yes', '--with-config', '--json']), 0, 'rollback --with-config');
      assert.equal(r.json.version, A);
      assert.equal(readFileSync(file, 'utf8'), composeA, 'the compose file is the one A was released with');
      assert.equal(await settled(reality, p, A, 5_000), null, 'after rollback --with-config');
      assert.ok(!reality.env(p, 'api').some((e) => e.startsWith('FEATURE_FLAG=')), `A runs without it: ${reality.env(p, 'api').join(' ')}`);
      assert.deepEqual(reality.infraIds(p), infra, 'db and cache untouched');
    });

    test('prune never removes what runs or what a rollback may need (Swarm: every image a service spec or its previous spec names)', () => {
      const v = expectCode(reprise(p, ['versions', '--json']), 0, 'versions');
      const keep = [v.json.current as string, ...(v.json.previous ? [v.json.previous as string] : [])];
      assert.equal(keep[0], A, 'the stack runs A');
      const r = expectCode(reprise(p, ['prune', '--keep', '1', '--json']), 0, 'prune');
      const removed = (r.json.removed as Array<{ version: string }>).map((x) => x.version);
      for (const version of keep) {
        assert.ok(!removed.includes(version), `${version} (current or previous) is kept`);
        for (const s of VERSIONED) assert.equal(docker(['image', 'inspect', `recyclic-${s}:${version}`]).status, 0, `recyclic-${s}:${version} still there`);
      }
      if (reality.name === 'swarm') {
        // Swarm's own `docker service rollback` goes to the previous spec: its image must survive a prune
        let checked = 0;
        for (const s of VERSIONED) {
          const images = docker(['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}} {{if .PreviousSpec}}{{.PreviousSpec.TaskTemplate.ContainerSpec.Image}}{{end}}', `${p.name}_${s}`]).stdout.trim().split(/\s+/).filter(Boolean);
          for (const image of images) {
            checked++;
            assert.equal(docker(['image', 'inspect', image.split('@')[0]]).status, 0, `${image} (named by the spec of ${s}) kept`);
          }
        }
        assert.ok(checked > VERSIONED.length, 'previous specs were checked too');
        assert.ok(removed.length > 0 || (r.json.kept as Array<{ reasons: string[] }>).some((k) => k.reasons.includes('in-use')), 'prune did decide something');
      } else assert.ok(removed.length > 0, `an old released version was removed: ${JSON.stringify(r.json.kept)}`);
    });

    if (reality.name === 'swarm') {
      test('swarm: releases set update_config (start-first where possible, failure_action rollback); the one-shot runs once', () => {
        const inspect = (svc: string): { UpdateConfig?: { Order?: string; FailureAction?: string } } =>
          (JSON.parse(docker(['service', 'inspect', `${p.name}_${svc}`]).stdout) as Array<{ Spec: { UpdateConfig?: { Order?: string; FailureAction?: string } } }>)[0].Spec;
        assert.equal(inspect('api').UpdateConfig?.Order, 'start-first');
        assert.equal(inspect('api').UpdateConfig?.FailureAction, 'rollback');
        assert.equal(inspect('bot').UpdateConfig?.Order, 'stop-first', 'bot publishes a host-mode port: stop-first');
        assert.equal(specImage(p.name, 'db'), 'recyclic-postgres:15-demo');
        const mig = serviceTasks(p.name, 'api-migrations').filter((t) => t.DesiredState === 'running' && t.Status.State === 'running');
        assert.equal(mig.length, 0, 'the one-shot is not restarted after it completed');
      });
    }
  });
}
