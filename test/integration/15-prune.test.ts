// prune against the real engine: what is kept (current, previous, newest, other environment's last
// good, incomplete, in use), what goes, dry run, lock, usage errors, deploy with keep_versions.
// SAFETY in a shared engine: this file's project uses its own repositories (rp<rid>-api …), never the
// recyclic-* ones other test files use; everything it tags or creates is removed in after().
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildImages,
  cleanupAll,
  demoComposeWithRepositories,
  docker,
  environmentsYml,
  expectCode,
  makeProject,
  plainCompose,
  portAllocator,
  reprise,
  rid,
  VERSIONED,
  type Project,
  writeEnvironmentEnvFile,
} from './harness';

const ports = portAllocator(15);
const R = rid(6);
const repo = (service: string): string => `rp${R}-${service}`;
/** versions v1 (oldest) … v8, built in this order; names sort like their creation order */
const V = Array.from({ length: 9 }, (_, i) => `p${R}${i}`);
const INCOMPLETE = `q${R}`;
const HOLDER = `rp${R}-holder`;

let p: Project;
const projects = { staging: `rit-prune-${R}-staging`, production: `rit-prune-${R}-prod` };

function exists(ref: string): boolean {
  return docker(['image', 'inspect', ref]).status === 0;
}

/** this project's tags of a version that still exist */
function tagsOf(version: string): string[] {
  return VERSIONED.map((s) => `${repo(s)}:${version}`).filter(exists);
}

/** Builds the versions with the helpers, tags them into this file's repositories. */
function makeVersions(versions: string[], opts: { only?: string[]; keepDemoTags?: string[] } = {}): void {
  const services = opts.only ?? [...VERSIONED];
  buildImages(p, versions, opts.only ? ['--only', services.join(',')] : []);
  for (const v of versions) {
    for (const s of services) {
      const r = docker(['tag', `recyclic-${s}:${v}`, `${repo(s)}:${v}`]);
      assert.equal(r.status, 0, r.stderr);
      // our tag is then the image's only one, so prune really deletes it (and reclaims bytes) …
      if (!opts.keepDemoTags?.includes(v)) assert.equal(docker(['rmi', `recyclic-${s}:${v}`]).status, 0);
    }
  }
}

function env(name: 'staging' | 'production', args: string[]): ReturnType<typeof reprise> {
  return reprise(p, ['-e', name, ...args]);
}

function writeConfig(extra = ''): void {
  writeFileSync(join(p.dir, 'reprise.yml'), environmentsYml(`rit-prune-${R}`, projects, ['lang: en', ...(extra ? [extra] : [])]));
}

before(() => {
  p = makeProject({ label: 'prune', ports: ports(0) });
  // the demo compose file with this file's own repositories
  const compose = demoComposeWithRepositories(repo);
  assert.ok(!/image: recyclic-(api|frontend|bot|api-migrations):/.test(compose), 'every versioned image rewritten');
  writeFileSync(join(p.dir, 'docker-compose.yml'), compose);
  for (const [name, slot] of [['staging', 0], ['production', 1]] as const) writeEnvironmentEnvFile(p, name, ports(slot));
  writeConfig();
});

after(() => {
  for (const name of Object.values(projects)) {
    plainCompose(p, ['-p', name, 'down', '-v', '--remove-orphans', '--timeout', '2'], 'v1');
    const ids = docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`]).stdout.split('\n').filter(Boolean);
    if (ids.length) docker(['rm', '-f', '-v', ...ids]);
  }
  docker(['rm', '-f', HOLDER]);
  const mine = [...V, INCOMPLETE].flatMap((v) => VERSIONED.map((s) => `${repo(s)}:${v}`)).filter(exists);
  if (mine.length) docker(['rmi', ...mine]);
  cleanupAll();
});

describe('prune', () => {
  test('keeps current, previous, the newest and the other environment\'s last good; removes the oldest; dry run removes nothing', () => {
    // v1 … v6 complete (v1 also keeps its recyclic-api tag: an image of another repository), one incomplete,
    // and v0, complete but never released here (e.g. another checkout's build), built last
    makeVersions([INCOMPLETE], { only: ['api', 'bot'] });
    makeVersions(V.slice(1, 7), { keepDemoTags: [V[1]] });
    makeVersions([V[0]]);
    for (let i = 0; i <= 6; i++) assert.equal(tagsOf(V[i]).length, 4, `${V[i]} complete`);

    // staging ran v4 well, then was stopped: v4 is its last good version, running nowhere
    expectCode(env('staging', ['deploy', V[4], '--json']), 0, 'deploy staging');
    assert.equal(plainCompose(p, ['-p', projects.staging, 'down', '--timeout', '2'], 'v1').status, 0);
    // production: v1, v2, v3, v5 then v6 → current v6, previous v5
    for (const v of [V[1], V[2], V[3]]) expectCode(env('production', ['deploy', v, '--json']), 0, `deploy production ${v}`);
    expectCode(env('production', ['deploy', V[5], '--json']), 0, 'deploy production v5');
    expectCode(env('production', ['deploy', V[6], '--json']), 0, 'deploy production v6');

    // a usage error changes nothing
    for (const bad of ['0', '-2', 'two', '1.5']) {
      const u = env('production', ['prune', '--keep', bad]);
      assert.equal(u.code, 2, `--keep ${bad}: ${u.stderr}`);
      assert.match(u.stderr, /^USAGE: --keep: expected a positive integer/, u.stderr);
      assert.equal(u.stdout, '');
    }
    // the lock held by someone else: LOCKED, exit 4
    expectCode(env('production', ['lock', 'acquire', '-m', 'maintenance']), 0, 'lock acquire');
    const locked = env('production', ['prune', '--keep', '1', '--json']);
    assert.equal(locked.code, 4, locked.stderr);
    assert.equal(locked.json?.error?.code, 'LOCKED');
    expectCode(env('production', ['lock', 'release']), 0, 'lock release');
    for (let i = 1; i <= 6; i++) assert.equal(tagsOf(V[i]).length, 4, `${V[i]} untouched by the refused runs`);

    // dry run: lists what would go, removes nothing
    const dry = expectCode(env('production', ['prune', '--keep', '1', '--dry-run', '--json']), 0, 'prune --dry-run');
    assert.equal(dry.json.ok, true);
    assert.equal(dry.json.dryRun, true);
    assert.equal(dry.json.keep, 1);
    assert.equal(dry.json.reclaimedBytes, null);
    assert.deepEqual(dry.json.removed.map((r: { version: string }) => r.version), [V[3], V[2], V[1]]);
    assert.deepEqual([...dry.json.removed[0].images].sort(), VERSIONED.map((s) => `${repo(s)}:${V[3]}`).sort());
    for (let i = 1; i <= 6; i++) assert.equal(tagsOf(V[i]).length, 4, `dry run: ${V[i]} still there`);
    const fr = expectCode(env('production', ['prune', '--keep', '1', '--dry-run', '--lang', 'fr']), 0, 'prune --dry-run (fr)');
    assert.match(fr.stderr, /Simulation : 3 version\(s\) seraient supprimées/);
    assert.match(fr.stderr, new RegExp(`conservée ${V[4]} : dernière valide dans staging`));
    // the versions kept only because this configuration never released them: one line for all
    assert.match(fr.stderr, new RegExp(`conservées, jamais mises en service dans cette configuration \\(pas à reprise de les supprimer\\) : .*${V[0]}`));
    assert.ok(!fr.stderr.includes(`conservée ${V[0]}`), 'not one line per foreign version');

    const r = expectCode(env('production', ['prune', '--keep', '1', '--json']), 0, 'prune --keep 1');
    assert.equal(r.json.ok, true);
    assert.equal(r.json.dryRun, false);
    const kept = new Map<string, string[]>((r.json.kept as Array<{ version: string; reasons: string[] }>).map((k) => [k.version, k.reasons]));
    assert.deepEqual([...kept.keys()].sort(), [V[0], V[4], V[5], V[6], INCOMPLETE].sort());
    assert.deepEqual(kept.get(V[0]), ['not-released'], 'a version this configuration never released is not reprise\'s to remove');
    assert.ok(kept.get(V[6])!.includes('current') && kept.get(V[6])!.includes('newest'), String(kept.get(V[6])));
    assert.deepEqual(kept.get(V[5]), ['previous']);
    assert.deepEqual(kept.get(V[4]), ['last-good@staging']);
    assert.deepEqual(kept.get(INCOMPLETE), ['not-released']);
    assert.deepEqual(r.json.removed.map((x: { version: string }) => x.version), [V[3], V[2], V[1]]);
    assert.deepEqual(r.json.problems, []);

    // what Docker has now
    for (const v of [V[1], V[2], V[3]]) assert.deepEqual(tagsOf(v), [], `${v} removed`);
    for (const v of [V[0], V[4], V[5], V[6]]) assert.equal(tagsOf(v).length, 4, `${v} kept`);
    assert.deepEqual(tagsOf(INCOMPLETE).sort(), [`${repo('api')}:${INCOMPLETE}`, `${repo('bot')}:${INCOMPLETE}`].sort(), 'incomplete version untouched');
    // another repository's image with an old tag is untouched; v1's image carried it, so v1 was only untagged
    assert.ok(exists(`recyclic-api:${V[1]}`), 'recyclic-api image of another repository untouched');
    const v1 = r.json.removed.find((x: { version: string }) => x.version === V[1]);
    assert.ok(!v1.deleted.includes(`${repo('api')}:${V[1]}`), 'an image with another tag is only untagged');
    assert.equal(r.json.removed.find((x: { version: string }) => x.version === V[3]).deleted.length, 4, 'images with no other tag are deleted');
    assert.ok(r.json.reclaimedBytes > 0, `bytes reclaimed: ${r.json.reclaimedBytes}`);
    assert.equal(r.json.reclaimedBytes, r.json.removed.reduce((n: number, x: { bytes: number }) => n + x.bytes, 0));

    // the stack was not touched, and the removal is in the history
    const st = expectCode(env('production', ['status', '--json']), 0, 'status');
    assert.equal(st.json.version, V[6]);
    const h = expectCode(env('production', ['history', '--json', '--limit', '50']), 0, 'history');
    const ev = (h.json.events as Array<{ type: string; details: { removed: Array<{ version: string }> } }>).find((e) => e.type === 'prune');
    assert.ok(ev, 'a prune event is recorded');
    assert.deepEqual(ev.details.removed.map((x) => x.version), [V[3], V[2], V[1]]);
    // a rollback to the previous version still works: its images were kept
    const rb = expectCode(env('production', ['rollback', '--dry-run', '--yes', '--json']), 0, 'rollback --dry-run');
    assert.equal(rb.json.status, 'dry_run');
    assert.equal(rb.json.version, V[5]);
  });

  test('deploy with keep_versions set prunes afterwards, never an image a container uses', () => {
    makeVersions([V[7], V[8]]);
    // a container (of no project) created from v7's api image: v7 is in use
    const c = docker(['create', '--name', HOLDER, `${repo('api')}:${V[7]}`]);
    assert.equal(c.status, 0, c.stderr);
    // v7 was the target of a rollback attempt cancelled at the prompt: released here, so prune may consider it
    const cancelled = expectCode(env('production', ['rollback', V[7], '--json']), 0, 'rollback v7 cancelled (stdin closed)');
    assert.equal(cancelled.json.status, 'cancelled');
    writeConfig('keep_versions: 1');
    const d = expectCode(env('production', ['deploy', V[8], '--json']), 0, 'deploy with keep_versions');
    assert.equal(d.json.ok, true);
    assert.equal(d.json.version, V[8]);
    assert.equal(d.json.prune?.ok, true, JSON.stringify(d.json.prune));
    assert.deepEqual(d.json.prune.removed.map((x: { version: string }) => x.version), [V[5]]);
    assert.ok(!/^ {2}kept /m.test(d.stderr), `after a deploy, only what was removed is listed:\n${d.stderr}`);
    assert.match(d.stderr, /^Prune: 1 version\(s\) removed/m);
    const kept = new Map<string, string[]>((d.json.prune.kept as Array<{ version: string; reasons: string[] }>).map((k) => [k.version, k.reasons]));
    assert.deepEqual(kept.get(V[7]), ['in-use']);
    assert.deepEqual(kept.get(V[6]), ['previous']);
    assert.deepEqual(kept.get(V[4]), ['last-good@staging']);
    assert.deepEqual(tagsOf(V[5]), [], 'v5 removed after the deploy');
    for (const v of [V[4], V[6], V[7], V[8]]) assert.equal(tagsOf(v).length, 4, `${v} kept`);
    assert.ok(exists(`recyclic-api:${V[1]}`), 'recyclic-api image of another repository still untouched');
  });
});
