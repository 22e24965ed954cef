// Versions belong to the project (issue 17.6): only the versions this project released, runs or ran, is
// configured with or built are its own — and the local builds nobody else claims (CI, scripts/build-images.sh);
// tags of the same repositories from other projects or environments are counted, never listed or judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { elsewhereByProject, versionOwnership, type OwnershipFacts } from '../../src/domain/ownership';
import { ownershipFacts, splitCatalogue } from '../../src/release/resolve/project-versions';
import { judgeVersions } from '../../src/domain/doctor';
import { versionCatalogue } from '../../src/domain/versions';
import type { Release, VersionedService } from '../../src/domain/types';
import type { EngineContainer, LocalImage } from '../../src/engines/engine';

const empty = new Set<string>();
function facts(over: Partial<OwnershipFacts>): OwnershipFacts {
  return { project: 'recyclic-prod', images: [], released: empty, running: empty, configured: empty, built: empty, usedElsewhere: new Map(), ...over };
}

const table: Array<{ name: string; version: string; facts: Partial<OwnershipFacts>; own?: string[]; elsewhere?: string[] }> = [
  { name: 'released here (any outcome)', version: 'a1', facts: { released: new Set(['a1']) }, own: ['released'] },
  { name: 'a container of this project ran it', version: 'a2', facts: { running: new Set(['a2']) }, own: ['running'] },
  { name: 'named by a tag variable of the env files or .env.rollback', version: 'a3', facts: { configured: new Set(['a3']) }, own: ['configured'] },
  { name: 'built by compose v2 for this project (its label)', version: 'a4', facts: { images: [{ tag: 'a4', project: 'recyclic-prod' }] }, own: ['built'] },
  { name: 'built by deploy --build here (event)', version: 'a5', facts: { built: new Set(['a5']) }, own: ['built'] },
  { name: 'a local build nobody claims (docker build, build-images.sh)', version: 'a6', facts: { images: [{ tag: 'a6', project: null }] }, own: ['local'] },
  { name: 'built by compose for another project', version: 'b1', facts: { images: [{ tag: 'b1', project: 'shop' }, { tag: 'b1', project: null }] }, elsewhere: ['shop'] },
  { name: 'run by another project\'s container', version: 'b2', facts: { images: [{ tag: 'b2' }], usedElsewhere: new Map([['b2', ['recyclic-staging']]]) }, elsewhere: ['recyclic-staging'] },
  { name: 'released by another environment of the configuration', version: 'b3', facts: { usedElsewhere: new Map([['b3', ['recyclic-staging', 'recyclic-dev']]]) }, elsewhere: ['recyclic-dev', 'recyclic-staging'] },
  { name: 'another project\'s build that this project released: its own', version: 'c1', facts: { images: [{ tag: 'c1', project: 'shop' }], released: new Set(['c1']) }, own: ['released'] },
  { name: 'another environment runs it too, and this one is configured with it: its own', version: 'c2', facts: { configured: new Set(['c2']), usedElsewhere: new Map([['c2', ['recyclic-staging']]]) }, own: ['configured'] },
  { name: 'several reasons, in a stable order', version: 'c3', facts: { released: new Set(['c3']), running: new Set(['c3']), configured: new Set(['c3']), images: [{ tag: 'c3', project: 'recyclic-prod' }] }, own: ['released', 'running', 'configured', 'built'] },
];

for (const row of table) {
  test(`ownership: ${row.name} → ${row.own ? `own (${row.own.join(', ')})` : `elsewhere (${row.elsewhere!.join(', ')})`}`, () => {
    const r = versionOwnership([row.version], facts(row.facts));
    if (row.own) {
      assert.deepEqual(r.own.get(row.version), row.own);
      assert.deepEqual(r.elsewhere, []);
    } else {
      assert.equal(r.own.has(row.version), false);
      assert.deepEqual(r.elsewhere, [{ version: row.version, projects: row.elsewhere }]);
    }
  });
}

test('elsewhereByProject: how many each other project holds, most first', () => {
  assert.deepEqual(
    elsewhereByProject([
      { version: 'x', projects: ['shop'] },
      { version: 'y', projects: ['recyclic-staging'] },
      { version: 'z', projects: ['recyclic-staging', 'shop'] },
      { version: 'w', projects: ['recyclic-staging'] },
    ]),
    [
      { project: 'recyclic-staging', count: 3 },
      { project: 'shop', count: 2 },
    ],
  );
});

const versioned: VersionedService[] = [
  { name: 'api', repository: 'recyclic-api', tagVariable: 'API_IMAGE_TAG', imageTemplate: '', dependsOn: [], oneShot: false, healthUrl: null, healthTimeoutMs: null },
  { name: 'api-migrations', repository: 'recyclic-api-migrations', tagVariable: 'API_MIGRATIONS_IMAGE_TAG', imageTemplate: '', dependsOn: [], oneShot: true, healthUrl: null, healthTimeoutMs: null },
];

test('the facts, read as reprise reads them; the split catalogue; doctor never judges another project\'s tags', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-own-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, '.env.rollback'), 'API_IMAGE_TAG=rb1\nAPI_MIGRATIONS_IMAGE_TAG=rb1\n');
  const project = { name: 'recyclic-prod', versioned, envFileVars: [{ file: '.build-meta.env', vars: new Map([['API_IMAGE_TAG', 'cfg1'], ['API_MIGRATIONS_IMAGE_TAG', 'latest'], ['OTHER', 'zz9']]) }], envRollbackFile: path.join(dir, '.env.rollback') };
  const img = (repository: string, tag: string, project: string | null = null, created = '2025-01-01T00:00:00.000Z'): LocalImage => ({ repository, tag, id: `sha256:${repository}${tag}`, created, size: 1, project });
  const images = [
    img('recyclic-api', 'rel1', null, '2025-01-01T00:00:00.000Z'), img('recyclic-api-migrations', 'rel1', null, '2025-01-01T00:00:00.000Z'),
    img('recyclic-api', 'cfg1'), img('recyclic-api', 'rb1'), img('recyclic-api', 'ci1'),
    // the staging stack's images, built by compose v2 for it, and one it runs
    img('recyclic-api', 'stg1', 'recyclic-staging', '2025-02-01T00:00:00.000Z'), img('recyclic-api-migrations', 'stg1', 'recyclic-staging', '2025-02-01T00:00:00.000Z'),
    img('recyclic-api', 'stg2', null, '2025-03-01T00:00:00.000Z'),
    img('recyclic-api', 'old1'), img('unrelated', 'zz9'),
  ];
  const container = (id: string, image: string, project: string | null, state = 'running'): EngineContainer => ({ id, name: id, image, imageId: `sha256:${image}`, state, project, service: null, oneOff: false });
  const all = [container('a', 'recyclic-api:rel1', 'recyclic-prod'), container('b', 'recyclic-api-migrations:old1@sha256:abc', 'recyclic-prod', 'exited'), container('c', 'recyclic-api:stg2', 'recyclic-staging'), container('d', 'recyclic-api:ci1', null)];
  const store = {
    listEvents: () => [{ id: 1, project: 'recyclic-prod', at: '', type: 'build', releaseId: null, message: '', details: { version: 'bld1' } }],
    releasedByOthers: () => [{ project: 'recyclic-staging', version: 'stg3' }],
  };
  const releases = [{ version: 'rel1', outcome: 'success' } as Release];
  const f = ownershipFacts(project, store, releases, images, all, ['rel1', null]);
  assert.deepEqual([...f.configured].sort(), ['cfg1', 'latest', 'rb1'], 'the tag values of the env files and .env.rollback');
  assert.deepEqual([...f.running].sort(), ['old1', 'rel1'], 'this project\'s containers, a digest after the tag dropped');
  assert.deepEqual([...f.built], ['bld1']);
  assert.deepEqual(Object.fromEntries(f.usedElsewhere), { stg2: ['recyclic-staging'], stg3: ['recyclic-staging'] }, 'a container of no project claims nothing');
  assert.ok(!f.images.some((i) => i.tag === 'zz9'), 'other repositories are not looked at');

  // the catalogue of the repositories' images (as the engine lists them for reprise)
  const catalogue = versionCatalogue(versioned, images.filter((i) => i.repository !== 'unrelated'), [], null, null);
  const split = splitCatalogue(catalogue, f);
  const origin = Object.fromEntries(split.own.map((v) => [v.version, v.origin]));
  assert.deepEqual(origin, { rel1: ['released', 'running'], cfg1: ['configured'], rb1: ['configured'], ci1: ['local'], old1: ['running'] });
  assert.equal(split.elsewhere.count, 2);
  assert.deepEqual(split.elsewhere.versions, [{ version: 'stg2', projects: ['recyclic-staging'] }, { version: 'stg1', projects: ['recyclic-staging'] }], 'newest first');
  assert.deepEqual(split.elsewhere.projects, [{ project: 'recyclic-staging', count: 2 }]);

  // doctor: stg2 (an api image only: incomplete) is another project's — never named, never in the fix
  const j = judgeVersions(split.own, versioned, 'rel1', null, split.elsewhere);
  assert.ok(!JSON.stringify(j.summary).includes('stg') && !JSON.stringify(j.fix).includes('stg'), JSON.stringify(j));
  assert.deepEqual(j.details.elsewhere, { count: 2, projects: [{ project: 'recyclic-staging', count: 2 }] });
  // before: the whole catalogue was judged, and the staging build was to be removed or completed
  const before = judgeVersions(catalogue, versioned, 'rel1', null);
  assert.ok(JSON.stringify(before.fix).includes('recyclic-api-migrations:stg2'));
});
