// Issue 17, the smaller items, seen from outside (a real engine, the CLI only):
//  - one-shots first: a migrations one-shot that nothing depends on (Recyclic's api-migrations) completes
//    before the long-running services of its level start; --dry-run shows that order;
//  - a failed deploy's incident is one event in the history (it was recorded twice), both releases name it;
//  - coming from the guide's script: its metrics file (concatenated objects) is imported into the array;
//    .env.rollback says what it holds (after a manual rollback: the running version, and why), and when an
//    old script deletes it, doctor warns and reprise writes it again;
//  - prune removes an old version held only by its own exited one-shot (migrations) containers, those first;
//  - versions belong to the project: another compose project's tags of the same repositories are one line in
//    `versions` (listed with --all), never judged by doctor nor listed by prune; a named one is still deployable.
// Each describe has its own project (and, where images are counted or removed, its own repositories) and
// removes its stack in after().
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  buildImages,
  cleanupAll,
  cleanupProject,
  composeCmd,
  demoComposeWithRepositories,
  containerOf,
  containers,
  docker,
  deployOk,
  expectCode,
  makeProject,
  metricsPath,
  newVersion,
  parseEnv,
  portAllocator,
  readMetrics,
  reprise,
  rid,
  TAG_VARS,
  VERSIONED,
  waitStackOn,
  stackOnTwoVersions,
  type Project,
} from './harness';

// three port slots (0..2); a describe removes its stack before the next one starts, so slots are reused
const ports = portAllocator(27);
after(() => cleanupAll());

/** State.StartedAt / FinishedAt of a container, as Docker records them. */
function times(id: string): { started: string; finished: string; exitCode: number } {
  const r = docker(['inspect', '-f', '{{.State.StartedAt}} {{.State.FinishedAt}} {{.State.ExitCode}}', id]);
  assert.equal(r.status, 0, r.stderr);
  const [started, finished, code] = r.stdout.trim().split(' ');
  return { started, finished, exitCode: Number(code) };
}

describe('one-shots first: migrations nothing depends on complete before the api starts', () => {
  const { p, B } = stackOnTwoVersions({
    label: 'oneshot',
    ports: ports(0),
    // as in Recyclic's production file: api waits for db and cache only, nothing depends on the migrations
    prepare: (q) => {
      const file = join(q.dir, 'docker-compose.yml');
      const text = readFileSync(file, 'utf8');
      const cut = text.replace(/\n {6}api-migrations:\n {8}condition: service_completed_successfully/, '');
      assert.notEqual(cut, text, 'the api no longer depends on api-migrations');
      writeFileSync(file, cut);
    },
    deploy: ['A'],
  });

  test('deploy --dry-run shows the order: api-migrations alone, then the long-running services', () => {
    const dry = expectCode(reprise(p, ['deploy', B, '--dry-run', '--json']), 0, 'deploy --dry-run --json');
    const order = dry.json.order as string[][];
    assert.deepEqual(order[0], ['api-migrations'], `order: ${JSON.stringify(order)}`);
    assert.deepEqual([...order.slice(1).flat()].sort(), ['api', 'bot', 'frontend'], `order: ${JSON.stringify(order)}`);
    const human = expectCode(reprise(p, ['deploy', B, '--dry-run']), 0, 'deploy --dry-run');
    assert.match(human.stderr, /order: api-migrations \(one-shot\) → /, human.stderr);
    const fr = expectCode(reprise(p, ['deploy', B, '--dry-run', '--lang', 'fr']), 0, 'deploy --dry-run (fr)');
    assert.match(fr.stderr, /ordre : api-migrations \(one-shot\) → /, fr.stderr);
  });

  test('deploy B: the B migrations container exited 0 before any B container of api, frontend or bot started', async () => {
    deployOk(p, B);
    assert.equal(await waitStackOn(p, B), null);
    const mig = containerOf(p, 'api-migrations');
    assert.ok(mig && mig.image.endsWith(`:${B}`), 'the migrations of B ran');
    const m = times(mig.id);
    assert.equal(m.exitCode, 0);
    for (const s of ['api', 'frontend', 'bot']) {
      const c = containerOf(p, s);
      assert.ok(c && c.image.endsWith(`:${B}`), `${s} runs B`);
      const t = times(c.id);
      assert.ok(Date.parse(t.started) >= Date.parse(m.finished), `${s} started ${t.started}, after the migrations finished ${m.finished}`);
    }
  });
});

describe('a failed deploy: its incident is recorded once', () => {
  const { p, A, X } = stackOnTwoVersions({ label: 'incident1', ports: ports(1), versions: { A: 'a', X: { prefix: 'x', broken: 'health500' } }, deploy: ['A'] });

  test('deploy of a broken version (exit 3): history --json has one incident event, and both releases point at it', async () => {
    const r = expectCode(reprise(p, ['deploy', X, '--yes', '--json', '--timeout', '20s']), 3, `deploy ${X}`);
    const path = r.json.error.details.incident as string;
    assert.ok(path, `the failed deploy names its incident: ${r.stdout}`);
    assert.equal(await waitStackOn(p, A), null, 'back on A');
    const h = expectCode(reprise(p, ['history', '--json']), 0, 'history').json;
    const incidents = (h.events as Array<{ type: string; message: string; releaseId: number | null; details: { releases?: number[] } }>).filter((e) => e.type === 'incident');
    assert.equal(incidents.length, 1, `one incident event: ${JSON.stringify(incidents)}`);
    assert.equal(incidents[0].message, path);
    const failed = h.releases.find((x: { kind: string; version: string }) => x.kind === 'deploy' && x.version === X);
    const auto = h.releases.find((x: { kind: string; trigger: string; fromVersion: string }) => x.kind === 'rollback' && x.trigger === 'auto' && x.fromVersion === X);
    assert.ok(failed && auto, 'the failed deploy and its automatic rollback are recorded');
    assert.equal(incidents[0].releaseId, failed.id, 'attached to the failed deploy');
    assert.deepEqual(incidents[0].details.releases, [failed.id, auto.id]);
    assert.equal(failed.incident, path);
    assert.equal(auto.incident, path);
    // the human history shows it once too
    const human = expectCode(reprise(p, ['history']), 0, 'history (human)');
    // the evidence once (the `incident` event), and the incident's life opening once (`incident_opened`, issue 23)
    assert.equal(human.stderr.split('\n').filter((l) => /\bevent\s+incident\s/.test(l)).length, 1, human.stderr);
    assert.equal(human.stderr.split('\n').filter((l) => /\bevent\s+incident_opened\s/.test(l)).length, 1, human.stderr);
  });
});

describe('coming from the guide\'s script: metrics file', () => {
  const { p, A, B } = stackOnTwoVersions({ label: 'guide', ports: ports(2), deploy: ['A', 'B'] });
  /** what the old rollback.sh appended, one object per rollback, numbers as strings (seed §5.1) */
  const OLD = [
    { timestamp: '2025-01-27T10:30:00Z', event: 'rollback_success', version: 'abc1234', duration_seconds: '45', status: 'success', hostname: 'production-server', user: 'deploy-user', system_metrics: { cpu_usage_percent: '45.2', memory_usage_percent: '67.8', disk_usage_percent: '23.1', docker_containers_running: '6', docker_images_count: '12' }, performance: { rollback_speed: 'fast', efficiency_score: '100' } },
    { timestamp: '2025-01-28T08:00:00Z', event: 'rollback_cancelled', version: 'def5678', duration_seconds: '3', status: 'cancelled', hostname: 'production-server', user: 'deploy-user' },
  ];

  test('the old script\'s logs/rollback-metrics.json is imported at the next rollback: a JSON array, its entries as written, an event says how many', async () => {
    mkdirSync(join(p.dir, 'logs'), { recursive: true });
    writeFileSync(metricsPath(p), OLD.map((o) => JSON.stringify(o, null, 2)).join('\n') + '\n');
    const r = expectCode(reprise(p, ['rollback', '--yes']), 0, 'rollback');
    assert.match(r.stderr, /2 entr\(y\/ies\) written by the old rollback\.sh .* imported into the JSON array/, r.stderr);
    assert.equal(await waitStackOn(p, A), null, 'back on A');
    const entries = readMetrics(p);
    assert.deepEqual(entries.slice(0, 2), OLD, 'the old entries, values untouched (strings stay strings)');
    assert.equal(entries.length, 3);
    assert.equal(entries[2].event, 'rollback_success');
    assert.equal(typeof entries[2].duration_seconds, 'number');
    assert.deepEqual(readdirSync(join(p.dir, 'logs')).filter((f) => f.includes('.corrupt-')), [], 'nothing moved aside');
    const h = expectCode(reprise(p, ['history', '--json']), 0, 'history').json;
    const ev = (h.events as Array<{ type: string; details: { imported?: number } }>).filter((e) => e.type === 'metrics_imported');
    assert.equal(ev.length, 1, JSON.stringify(h.events));
    assert.equal(ev[0].details.imported, 2);
    assert.ok(existsSync(metricsPath(p)));
  });

  const rollbackFile = (): string => join(p.dir, '.env.rollback');
  const envRollbackCheck = (): { status: string; summary: string; fix: string | null; details: Record<string, unknown> } => {
    const d = reprise(p, ['doctor', '--json']);
    return (d.json.checks as Array<{ id: string; status: string; summary: string; fix: string | null; details: Record<string, unknown> }>).find((c) => c.id === 'env_rollback')!;
  };

  test('after the manual rollback B → A, .env.rollback says it holds the running version A, and why (B was rolled back from)', () => {
    const text = readFileSync(rollbackFile(), 'utf8');
    const first = text.split('\n')[0];
    assert.match(first, new RegExp(`^# reprise: no previous good version to return to \\(the other versions released, ${B}, were rolled back from`), first);
    assert.match(first, new RegExp(`\\.env\\.rollback holds the running version, ${A},`), first);
    assert.ok(!/previous good version \(|holds the previous good version/.test(text), text.split('\n').filter((l) => l.startsWith('#')).join('\n'));
    const env = parseEnv(text);
    for (const v of TAG_VARS) assert.equal(env.get(v), A);
    assert.equal(env.get('POSTGRES_PASSWORD'), p.secrets.POSTGRES_PASSWORD, 'the secrets kept');
    const c = envRollbackCheck();
    assert.equal(c.status, 'ok', c.summary);
  });

  test('deleted by an old script: doctor warns while there is a previous good version; deploy of the running version writes it again, as does the next release', async () => {
    deployOk(p, B); // previous good version of B: A
    assert.match(readFileSync(rollbackFile(), 'utf8').split('\n')[0], new RegExp(`^# reprise: \\.env\\.rollback holds the previous good version to return to, ${A} \\(running now: ${B}\\)`));
    rmSync(rollbackFile());
    const warned = envRollbackCheck();
    assert.equal(warned.status, 'warn', warned.summary);
    assert.match(warned.summary, new RegExp(`\\.env\\.rollback is missing while there is a previous good version \\(${A}\\)`));
    assert.match(warned.fix ?? '', new RegExp(`reprise deploy ${B}`));
    const human = reprise(p, ['doctor']);
    assert.match(human.stderr, /! env_rollback/, human.stderr);

    // the fix doctor gives: nothing is recreated, the file is back
    const before = docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${p.name}`]).stdout.split('\n').filter(Boolean).sort();
    const r = expectCode(reprise(p, ['deploy', B, '--yes', '--json']), 0, 'deploy of the running version');
    assert.deepEqual(r.json.changed, []);
    assert.equal(r.json.envRollback, A);
    assert.match(r.stderr, /\.env\.rollback was missing or named another version: written again/);
    assert.deepEqual(docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${p.name}`]).stdout.split('\n').filter(Boolean).sort(), before, 'no container recreated');
    assert.equal(statSync(rollbackFile()).mode & 0o777, 0o600);
    for (const v of TAG_VARS) assert.equal(parseEnv(readFileSync(rollbackFile(), 'utf8')).get(v), A);
    assert.equal(envRollbackCheck().status, 'ok');

    // deleted again: the next release writes it (rollback B → A: the running A, no previous good version)
    rmSync(rollbackFile());
    expectCode(reprise(p, ['rollback', '--yes']), 0, 'rollback');
    assert.equal(await waitStackOn(p, A), null, 'back on A');
    const again = readFileSync(rollbackFile(), 'utf8');
    assert.match(again.split('\n')[0], /^# reprise: no previous good version to return to/);
    for (const v of TAG_VARS) assert.equal(parseEnv(again).get(v), A);
  });
});

describe('prune: exited one-shot containers of old versions no longer keep them', () => {
  let p: Project;
  const V = [newVersion('a'), newVersion('b'), newVersion('c'), newVersion('d')];
  const OTHER = `rit-other-${rid()}`;
  const otherContainer = `rit-other-mig-${rid()}`;
  const exists = (ref: string): boolean => docker(['image', 'inspect', ref]).status === 0;
  const containerExists = (id: string): boolean => docker(['container', 'inspect', id]).status === 0;

  before(() => {
    p = makeProject({ label: 'prune1shot', ports: ports(0) });
    buildImages(p, V);
    for (const v of V) deployOk(p, v); // current V[3], previous V[2]
    // a `compose run` of the migrations on V[0] (what an operator or an old script does): exits, stays
    const { program, prefix } = composeCmd(p.compose);
    const run = spawnSync(program, [...prefix, '-p', p.name, 'run', '-T', '--no-deps', 'api-migrations'], { cwd: p.dir, env: { ...process.env, API_MIGRATIONS_IMAGE_TAG: V[0] }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    // another project's stopped container on V[1]'s migrations image
    const other = docker(['create', '--name', otherContainer, '--label', `com.docker.compose.project=${OTHER}`, '--label', 'com.docker.compose.service=api-migrations', `recyclic-api-migrations:${V[1]}`]);
    assert.equal(other.status, 0, other.stderr);
  });
  after(() => {
    docker(['rm', '-f', otherContainer]);
    cleanupProject(p);
  });

  const leftover = () => containers(p).find((c) => c.service === 'api-migrations' && c.image === `recyclic-api-migrations:${V[0]}`);

  test('dry run: the oldest version would go with its exited migrations container; the one another project\'s container uses stays in use', () => {
    const mine = leftover();
    assert.ok(mine && mine.state === 'exited', 'the compose run container of the oldest version exited');
    const dry = expectCode(reprise(p, ['prune', '--keep', '1', '--dry-run', '--json']), 0, 'prune --dry-run').json;
    const removed = dry.removed as Array<{ version: string; containers: string[]; images: string[] }>;
    const oldest = removed.find((r) => r.version === V[0]);
    assert.ok(oldest, `${V[0]} would be removed: ${JSON.stringify(dry)}`);
    assert.deepEqual(oldest.containers, [mine.name]);
    const kept = dry.kept as Array<{ version: string; reasons: string[] }>;
    assert.deepEqual(kept.find((k) => k.version === V[1])?.reasons, ['in-use'], JSON.stringify(kept));
    assert.ok(kept.find((k) => k.version === V[3])?.reasons.includes('current'));
    assert.ok(kept.find((k) => k.version === V[2])?.reasons.includes('previous'));
    assert.ok(containerExists(mine.id), 'a dry run removes nothing');
    const human = expectCode(reprise(p, ['prune', '--keep', '1', '--dry-run']), 0, 'prune --dry-run (human)');
    assert.match(human.stderr, new RegExp(`first, its exited one-shot container\\(s\\), the only ones using its images: ${mine.name}`), human.stderr);
  });

  test('prune removes that container, then the version\'s images; running containers, the current migrations container and the other project\'s container stay', () => {
    const mine = leftover()!;
    const current = containers(p).find((c) => c.service === 'api-migrations' && c.image === `recyclic-api-migrations:${V[3]}`);
    assert.ok(current && current.state === 'exited' && current.exitCode === 0, 'the current version\'s migrations container');
    const running = containers(p).filter((c) => c.state === 'running').map((c) => c.id).sort();
    const r = expectCode(reprise(p, ['prune', '--keep', '1', '--json']), 0, 'prune').json;
    assert.equal(r.ok, true);
    const oldest = (r.removed as Array<{ version: string; containers: string[]; deleted: string[] }>).find((x) => x.version === V[0]);
    assert.ok(oldest, JSON.stringify(r));
    assert.deepEqual(oldest.containers, [mine.name]);
    assert.equal(containerExists(mine.id), false, 'the exited migrations container of the oldest version is gone');
    for (const s of VERSIONED) assert.equal(exists(`recyclic-${s}:${V[0]}`), false, `recyclic-${s}:${V[0]} removed`);
    for (const s of VERSIONED) assert.equal(exists(`recyclic-${s}:${V[1]}`), true, `recyclic-${s}:${V[1]} kept (another project's container uses one of its images)`);
    assert.ok(containerExists(otherContainer), 'the other project\'s container is never touched');
    assert.ok(containerExists(current.id), 'the current version\'s migrations container stays');
    assert.deepEqual(containers(p).filter((c) => c.state === 'running').map((c) => c.id).sort(), running, 'no running container touched');
    const h = expectCode(reprise(p, ['history', '--json']), 0, 'history').json;
    const ev = (h.events as Array<{ type: string; details: { removed?: Array<{ version: string; containers: string[] }> } }>).find((e) => e.type === 'prune');
    assert.deepEqual(ev?.details.removed?.find((x) => x.version === V[0])?.containers, [mine.name]);
  });
});

describe('versions belong to the project: another project\'s tags of the same repositories', () => {
  let p: Project;
  const R = rid(6);
  const repo = (service: string): string => `rv${R}-${service}`;
  const [A, B, C] = [`a${R}`, `b${R}`, `c${R}`]; // C: built here, never deployed (a local build)
  const [O1, O2, O3] = [`o1${R}`, `o2${R}`, `o3${R}`]; // another project's
  const OTHER = `rit-other-${R}`;
  const HOLDER = `rit-other-holder-${R}`;
  const exists = (ref: string): boolean => docker(['image', 'inspect', ref]).status === 0;

  /** an image FROM `from`, carrying a compose project label (as `docker compose build` v2 makes for that project) */
  function labelled(from: string, ref: string, project: string): void {
    const r = spawnSync('docker', ['build', '-q', '--label', `com.docker.compose.project=${project}`, '-t', ref, '-'], { input: `FROM ${from}\n`, env: { ...process.env, DOCKER_BUILDKIT: '0' }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
  }

  before(() => {
    p = makeProject({ label: 'ownvers', ports: ports(1) });
    // this file's own repositories: what another project made of them is exactly what this test creates
    const compose = demoComposeWithRepositories(repo);
    writeFileSync(join(p.dir, 'docker-compose.yml'), compose);
    buildImages(p, [A, B, C]);
    for (const v of [A, B, C]) for (const s of VERSIONED) assert.equal(docker(['tag', `recyclic-${s}:${v}`, `${repo(s)}:${v}`]).status, 0);
    deployOk(p, A);
    deployOk(p, B);
    // another compose project's build of two of the services (incomplete here), and one of its containers on O2
    for (const s of ['api', 'bot']) labelled(`${repo(s)}:${A}`, `${repo(s)}:${O1}`, OTHER);
    assert.equal(docker(['tag', `${repo('api')}:${A}`, `${repo('api')}:${O2}`]).status, 0);
    const c = docker(['create', '--name', HOLDER, '--label', `com.docker.compose.project=${OTHER}`, `${repo('api')}:${O2}`]);
    assert.equal(c.status, 0, c.stderr);
    // and a complete version it built, which this project will deploy by name
    for (const s of VERSIONED) labelled(`${repo(s)}:${B}`, `${repo(s)}:${O3}`, OTHER);
  });
  after(() => {
    docker(['rm', '-f', HOLDER]);
    cleanupProject(p);
    const refs = [A, B, C, O1, O2, O3].flatMap((v) => VERSIONED.map((s) => `${repo(s)}:${v}`)).filter(exists);
    if (refs.length) docker(['rmi', ...refs]);
  });

  test('versions: this project\'s A, B and the local build C, each with its origin; the other project\'s tags on one line, listed with --all', () => {
    const r = expectCode(reprise(p, ['versions', '--json']), 0, 'versions --json').json;
    const list = r.versions as Array<{ version: string; origin: string[]; complete: boolean }>;
    assert.deepEqual(list.map((v) => v.version).sort(), [A, B, C].sort(), JSON.stringify(list));
    const origin = Object.fromEntries(list.map((v) => [v.version, v.origin]));
    assert.ok(origin[B].includes('released') && origin[B].includes('running'), JSON.stringify(origin));
    assert.ok(origin[A].includes('released'));
    assert.deepEqual(origin[C], ['local']);
    assert.equal(r.current, B);
    assert.equal(r.previous, A);
    assert.equal(r.elsewhere.count, 3);
    assert.deepEqual(r.elsewhere.projects, [{ project: OTHER, count: 3 }]);
    assert.deepEqual((r.elsewhere.versions as Array<{ version: string }>).map((v) => v.version).sort(), [O1, O2, O3].sort());
    for (const v of r.elsewhere.versions as Array<{ projects: string[] }>) assert.deepEqual(v.projects, [OTHER]);

    const human = expectCode(reprise(p, ['versions']), 0, 'versions');
    assert.match(human.stderr, new RegExp(`3 other tag\\(s\\) of these repositories belong to other projects or environments \\(${OTHER}: 3\\)`), human.stderr);
    for (const v of [O1, O2, O3]) assert.ok(!human.stderr.includes(v), `${v} not listed:\n${human.stderr}`);
    const fr = expectCode(reprise(p, ['versions', '--lang', 'fr']), 0, 'versions (fr)');
    assert.match(fr.stderr, /3 autre\(s\) tag\(s\) de ces dépôts appartiennent à d'autres projets ou environnements/, fr.stderr);
    const all = expectCode(reprise(p, ['versions', '--all']), 0, 'versions --all');
    for (const v of [O1, O2, O3]) assert.match(all.stderr, new RegExp(`${v} .*elsewhere: ${OTHER}`), all.stderr);
    const help = reprise(p, ['rollback', '--help']);
    const out = help.stdout + help.stderr;
    assert.ok(out.includes(A) && !out.includes(O1) && !out.includes(O3), out);
  });

  test('doctor judges this project\'s versions only: the other project\'s incomplete build is never named nor to be removed', () => {
    const d = reprise(p, ['doctor', '--json']);
    const v = (d.json.checks as Array<{ id: string; status: string; summary: string; fix: string | null; details: { incomplete: Array<{ version: string }>; elsewhere: { count: number } } }>).find((c) => c.id === 'versions')!;
    assert.equal(v.status, 'ok', v.summary);
    assert.deepEqual(v.details.incomplete, []);
    assert.equal(v.details.elsewhere.count, 3);
    assert.ok(!`${v.summary} ${v.fix ?? ''}`.includes(O1), v.summary);
    // a version of this project missing an image is still reported, with the fix
    assert.equal(docker(['rmi', `${repo('bot')}:${C}`]).status, 0);
    const d2 = reprise(p, ['doctor', '--json']);
    const v2 = (d2.json.checks as Array<{ id: string; status: string; summary: string; fix: string | null }>).find((c) => c.id === 'versions')!;
    assert.equal(v2.status, 'warn', v2.summary);
    assert.ok(v2.summary.includes(`${C} (bot)`) && !v2.summary.includes(O1), v2.summary);
    assert.ok((v2.fix ?? '').includes(`${repo('bot')}:${C}`) && !(v2.fix ?? '').includes(O1), v2.fix ?? '');
  });

  test('prune neither lists nor removes them', () => {
    const r = expectCode(reprise(p, ['prune', '--keep', '1', '--dry-run', '--json']), 0, 'prune --dry-run').json;
    const named = [...(r.kept as Array<{ version: string }>), ...(r.removed as Array<{ version: string }>)].map((x) => x.version);
    for (const v of [O1, O2, O3]) assert.ok(!named.includes(v), `${v} not listed by prune: ${JSON.stringify(r)}`);
    assert.equal(r.elsewhere.count, 3);
    const human = expectCode(reprise(p, ['prune', '--keep', '1', '--dry-run']), 0, 'prune --dry-run (human)');
    assert.match(human.stderr, new RegExp(`not this project's, left alone: 3 tag\\(s\\) .*\\(${OTHER}: 3\\)`), human.stderr);
    expectCode(reprise(p, ['prune', '--keep', '1']), 0, 'prune');
    for (const v of [O1, O2, O3]) assert.ok(exists(`${repo('api')}:${v}`), `${repo('api')}:${v} untouched`);
  });

  test('a version named on the command line is deployable though not listed; released, it is this project\'s', () => {
    deployOk(p, O3);
    for (const s of ['api', 'frontend', 'bot']) {
      const running = containers(p).filter((c) => c.service === s && c.state === 'running').map((c) => c.image);
      assert.deepEqual(running, [`${repo(s)}:${O3}`], `${s} runs ${O3}`);
    }
    const r = expectCode(reprise(p, ['versions', '--json']), 0, 'versions').json;
    const o3 = (r.versions as Array<{ version: string; origin: string[] }>).find((v) => v.version === O3);
    assert.ok(o3 && o3.origin.includes('released'), JSON.stringify(r.versions));
    assert.equal(r.current, O3);
    assert.equal(r.elsewhere.count, 2);
  });
});
