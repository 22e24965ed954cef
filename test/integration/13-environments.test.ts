// Environments (staging / production side by side), promote, and the emergency path (seed §4.2, §7.2).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  alsoCleanup,
  assertNoSecrets,
  buildImages,
  cleanupAll,
  docker,
  environmentsYml,
  expectCode,
  makeProject,
  newVersion,
  parseEnv,
  portAllocator,
  readMetrics,
  reprise,
  snapshot,
  stackProblem,
  TAG_VARS,
  VERSIONED,
  reprisBackground,
  type Project,
  type RunResult,
  writeEnvironmentEnvFile,
} from './harness';
import { botApi } from '../fixtures/bot-api';

const TOKEN = '555111:emergency-test-token-SECRET';

const ports = portAllocator(13);
after(() => cleanupAll());

describe('two environments of the demo stack, promote, emergency', () => {
  let p: Project;
  let stg: Project;
  let prod: Project;
  const A = newVersion('a');
  const B = newVersion('b');
  const C = newVersion('c'); // complete, never released anywhere

  const env = (e: Project, args: string[]) => reprise(p, ['-e', e === stg ? 'staging' : 'production', ...args]);
  const ok = (e: Project, args: string[], what: string) => {
    const r = expectCode(env(e, [...args, '--json']), 0, what);
    assertNoSecrets(p, r, what);
    return r;
  };

  before(() => {
    p = makeProject({ label: 'envs', ports: ports(0), config: false });
    const portsOf = { staging: ports(1), production: ports(2) };
    const views: Record<string, Project> = {};
    for (const [name, pt] of Object.entries(portsOf)) {
      writeEnvironmentEnvFile(p, name, pt);
      views[name] = { ...p, name: `${p.name}-${name === 'staging' ? 'stg' : 'prod'}`, ports: pt };
      alsoCleanup(views[name].name);
    }
    stg = views.staging;
    prod = views.production;
    writeFileSync(join(p.dir, 'reprise.yml'), environmentsYml(p.name, { staging: stg.name, production: prod.name }));
    buildImages(p, [A, B, C]);
    ok(prod, ['deploy', A], 'production deploy A');
    ok(stg, ['deploy', A], 'staging deploy A');
  });

  test('a deploy on staging changes no production container', () => {
    const before = snapshot(prod);
    assert.equal(stackProblem(prod, A), null);
    ok(stg, ['deploy', B], 'staging deploy B');
    assert.equal(stackProblem(stg, B), null, 'staging runs B');
    assert.deepEqual(snapshot(prod), before, 'production containers untouched');
    // each environment has its own history, and its own .env.rollback
    const hs = ok(stg, ['history'], 'staging history').json;
    const hp = ok(prod, ['history'], 'production history').json;
    assert.deepEqual(hs.releases.map((r: { version: string }) => r.version), [B, A]);
    assert.deepEqual(hp.releases.map((r: { version: string }) => r.version), [A]);
    const rb = parseEnv(readFileSync(join(p.dir, '.env.rollback-staging'), 'utf8'));
    for (const v of TAG_VARS) assert.equal(rb.get(v), A);
    assert.equal(rb.get('API_PORT'), String(stg.ports.api), '.env.rollback-staging is built from .env.staging');
    assert.equal(statSync(join(p.dir, '.env.rollback-staging')).mode & 0o777, 0o600);
  });

  test('promote of a version never verified on staging is refused, nothing changes', () => {
    const before = snapshot(prod);
    const r = expectCode(reprise(p, ['promote', C, '--from', 'staging', '--to', 'production', '--json']), 2, 'promote C');
    assert.equal(r.json?.ok, false);
    assert.equal(r.json.error.code, 'NOT_VERIFIED');
    assert.match(r.json.error.message, /never released on staging/);
    const human = expectCode(reprise(p, ['promote', C, '--from', 'staging', '--to', 'production']), 2, 'promote C (human)');
    assert.match(human.stderr, /refused/);
    assert.match(human.stderr, /--force/, 'says what to do');
    assert.deepEqual(snapshot(prod), before, 'production untouched');
  });

  test('promote of a version verified on staging deploys it to production only', () => {
    const stgBefore = snapshot(stg);
    const r = expectCode(reprise(p, ['promote', B, '--from', 'staging', '--to', 'production', '--json']), 0, 'promote B');
    assertNoSecrets(p, r, 'promote');
    assert.equal(r.json.version, B);
    assert.equal(r.json.promotedFrom.environment, 'staging');
    assert.equal(r.json.promotedFrom.forced, false);
    assert.equal(stackProblem(prod, B), null, 'production runs B');
    assert.deepEqual(snapshot(stg), stgBefore, 'staging untouched');
    const hp = ok(prod, ['history'], 'production history').json;
    assert.equal(hp.releases[0].version, B);
    assert.match(hp.releases[0].message, /promoted from staging/);
    // versions shows, per version, where it runs and where it was verified
    const v = ok(prod, ['versions'], 'versions').json;
    const row = (x: string) => v.versions.find((y: { version: string }) => y.version === x);
    assert.deepEqual([...row(B).runningIn].sort(), ['production', 'staging']);
    assert.deepEqual([...row(B).verifiedIn].sort(), ['production', 'staging']);
    assert.deepEqual(row(A).runningIn, []);
    assert.deepEqual(row(C).verifiedIn, []);
  });

  test('a version rolled back away from on staging is no longer promotable; metrics entries name their environment', () => {
    ok(stg, ['rollback', '--yes'], 'staging rollback');
    assert.equal(stackProblem(stg, A), null, 'staging back on A');
    const entry = readMetrics(p).at(-1)!;
    assert.equal(entry.environment, 'staging');
    assert.equal(entry.project, stg.name);
    assert.equal(entry.version, A);
    const r = expectCode(reprise(p, ['promote', B, '--from', 'staging', '--to', 'production', '--json']), 2, 'promote B again');
    assert.equal(r.json.error.code, 'NOT_VERIFIED');
    assert.match(r.json.error.message, /rolled back away from/);
    // --force goes through (B already runs on production: nothing to do) and says it was forced
    const f = expectCode(reprise(p, ['promote', B, '--from', 'staging', '--to', 'production', '--force', '--json']), 0, 'promote --force');
    assert.equal(f.json.promotedFrom.forced, true);
  });

  test('deploy --build never overwrites a version tag: a staging build leaves the images production runs as they were', () => {
    // every versioned service gets a build section: a tiny image FROM version A's, labelled
    const composeFile = join(p.dir, 'docker-compose.yml');
    const label = `reprise-it-${Date.now()}`;
    for (const s of VERSIONED) {
      const dir = join(p.dir, 'build', s);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'Dockerfile'), `FROM recyclic-${s}:${A}\nLABEL reprise.it=${label}\n`);
    }
    // a line added beside each versioned image (the file is edited as text, so it stays what compose v1 reads)
    const edited = readFileSync(composeFile, 'utf8').replace(/^(\s+)image: recyclic-(api-migrations|api|frontend|bot):.*$/gm, (line, indent: string, s: string) => `${line}\n${indent}build: { context: ./build/${s} }`);
    assert.equal((edited.match(/build: \{ context/g) ?? []).length, VERSIONED.length, 'a build section per versioned service');
    writeFileSync(composeFile, edited);
    const idOf = (ref: string) => docker(['image', 'inspect', '-f', '{{.Id}}', ref]).stdout.trim();
    const before = Object.fromEntries(VERSIONED.map((s) => [s, idOf(`recyclic-${s}:${B}`)]));
    const prodBefore = snapshot(prod);
    // B (what production runs) is complete: nothing is rebuilt
    const r = expectCode(env(stg, ['deploy', B, '--build', '--json']), 0, 'staging deploy --build B');
    assert.match(r.stderr, /not rebuilt/);
    for (const s of VERSIONED) assert.equal(idOf(`recyclic-${s}:${B}`), before[s], `recyclic-${s}:${B} untouched`);
    assert.deepEqual(snapshot(prod), prodBefore, 'production untouched');
    assert.equal(stackProblem(stg, B), null, 'staging runs B');
    // a new version is built, with compose, for every service
    const D = newVersion('d');
    p.versions.add(D);
    expectCode(env(stg, ['deploy', D, '--build', '--json']), 0, 'staging deploy --build D');
    assert.equal(stackProblem(stg, D), null, 'staging runs the freshly built D');
    for (const s of VERSIONED) assert.equal(docker(['image', 'inspect', '-f', '{{index .Config.Labels "reprise.it"}}', `recyclic-${s}:${D}`]).stdout.trim(), label);
    assert.deepEqual(snapshot(prod), prodBefore, 'production still untouched');
  });

  test('emergency with .reprise/state.db deleted brings back the .env.rollback version, alerts and records it', async () => {
    const target = parseEnv(readFileSync(join(p.dir, '.env.rollback-production'), 'utf8')).get('API_IMAGE_TAG');
    assert.equal(target, A, '.env.rollback-production names A');
    for (const f of ['state.db', 'state.db-wal', 'state.db-shm']) rmSync(join(p.dir, '.reprise', f), { force: true });
    const before = readMetrics(p).length;
    const stgBefore = snapshot(stg);
    // the emergency alert reaches the chat (a Bot API look-alike on 127.0.0.1)
    const api = await botApi(TOKEN, 'ok');
    let r: RunResult;
    try {
      const bg = reprisBackground(p, ['-e', 'production', 'emergency', '--json'], { TELEGRAM_BOT_TOKEN: TOKEN, ADMIN_TELEGRAM_IDS: '4242', TELEGRAM_API_URL: api.url });
      const { code, signal } = await bg.exited;
      r = { code, signal, stdout: bg.stdout(), stderr: bg.stderr(), json: JSON.parse(bg.stdout() || 'null') };
    } finally {
      api.close();
    }
    expectCode(r, 0, 'emergency');
    assertNoSecrets(p, r, 'emergency');
    assert.ok(!r.stderr.includes(TOKEN) && !r.stdout.includes(TOKEN), 'the bot token is never printed');
    const alert = api.received.map((m) => String(m.body.text)).find((x) => /EMERGENCY ROLLBACK|ROLLBACK D'URGENCE/i.test(x));
    assert.ok(alert, `emergency alert received: ${JSON.stringify(api.received.map((m) => m.body.text))}`);
    assert.match(alert, new RegExp(A));
    assert.equal(r.json.version, A);
    assert.equal(r.json.chosenBy, 'env_rollback');
    assert.equal(stackProblem(prod, A), null, 'production back on A');
    assert.deepEqual(snapshot(stg), stgBefore, 'staging untouched');
    const entries = readMetrics(p);
    assert.equal(entries.length, before + 1, 'one metrics entry');
    const e = entries.at(-1)!;
    assert.equal(e.event, 'emergency_rollback_success');
    assert.equal(e.trigger, 'emergency');
    assert.equal(e.version, A);
    assert.equal(e.from_version, B);
    assert.equal(e.environment, 'production');
    const h = ok(prod, ['history'], 'history after emergency').json;
    assert.equal(h.releases[0].trigger, 'emergency');
    assert.equal(h.releases[0].outcome, 'success');
  });

  test('emergency with an unreadable state.db still works from .env.rollback, without a prompt', () => {
    ok(prod, ['deploy', B], 'production deploy B again');
    assert.equal(parseEnv(readFileSync(join(p.dir, '.env.rollback-production'), 'utf8')).get('BOT_IMAGE_TAG'), A);
    const db = join(p.dir, '.reprise', 'state.db');
    for (const f of ['state.db-wal', 'state.db-shm']) rmSync(join(p.dir, '.reprise', f), { force: true });
    writeFileSync(db, 'this is not a database '.repeat(200));
    const before = readMetrics(p).length;
    const r = expectCode(reprise(p, ['-e', 'production', 'emergency']), 0, 'emergency (corrupt store)');
    assert.match(r.stderr, /cannot be read/, 'says the history is unreadable');
    assert.equal(stackProblem(prod, A), null, 'production back on A');
    const e = readMetrics(p).at(-1)!;
    assert.equal(readMetrics(p).length, before + 1);
    assert.equal(e.event, 'emergency_rollback_success');
    assert.equal(e.version, A);
    assert.ok(existsSync(db), 'the unreadable file is left for inspection');
    // a second emergency has nothing known-good left to go to: it refuses (never a guess from local
    // images, such as D, built but never released on production) and says so in the metrics file
    const again = expectCode(reprise(p, ['-e', 'production', 'emergency', '--json']), 1, 'second emergency');
    assert.equal(again.json.error.code, 'NO_PREVIOUS_VERSION');
    assert.equal(stackProblem(prod, A), null, 'production still on A');
    assert.equal(readMetrics(p).at(-1)!.event, 'emergency_rollback_failed');
  });
});
