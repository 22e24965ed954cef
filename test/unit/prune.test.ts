// The pure prune selection (what is kept, why, and what is removed) and the bytes a removal released.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chainIds, formatBytes, layerSizes, parseKeep, releasedBytes, selectPrune, type PruneImage, type PruneInput } from '../../src/domain/prune';

const services = [
  { name: 'api', repository: 'shop-api' },
  { name: 'web', repository: 'shop-web' },
];

/** complete versions v1 (oldest) … vN, one image per service, created one minute apart */
function versions(n: number): PruneImage[] {
  const out: PruneImage[] = [];
  for (let i = 1; i <= n; i++) {
    for (const s of services) out.push({ repository: s.repository, tag: `v${i}`, id: `sha256:${s.name}${i}`, created: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString() });
  }
  return out;
}

function input(over: Partial<PruneInput>): PruneInput {
  const base = { services, images: versions(6), keep: 1, protections: [], inUse: new Set<string>(), ...over };
  // by default every version was released by this configuration
  return { released: new Set(base.images.map((i) => i.tag)), ...base };
}

const removedOf = (r: ReturnType<typeof selectPrune>): string[] => r.remove.map((x) => x.version);
const reasonsOf = (r: ReturnType<typeof selectPrune>, v: string): string[] | undefined => r.kept.find((k) => k.version === v)?.reasons;

test('keeps the N newest complete versions and removes the others, newest first', () => {
  const r = selectPrune(input({ keep: 2 }));
  assert.deepEqual(r.kept.map((k) => k.version), ['v6', 'v5']);
  assert.deepEqual(reasonsOf(r, 'v6'), ['newest']);
  assert.deepEqual(removedOf(r), ['v4', 'v3', 'v2', 'v1']);
  assert.deepEqual(r.remove[0].images, [
    { reference: 'shop-api:v4', id: 'sha256:api4' },
    { reference: 'shop-web:v4', id: 'sha256:web4' },
  ]);
});

test('current, previous and what other environments run or last ran well are kept whatever their age', () => {
  const r = selectPrune(
    input({
      protections: [
        { version: 'v2', reason: 'current' },
        { version: 'v1', reason: 'previous' },
        { version: 'v3', reason: 'last-good@staging' },
        { version: 'v3', reason: 'last-good@staging' },
        { version: 'v3', reason: 'running@staging' },
      ],
    }),
  );
  assert.deepEqual(removedOf(r), ['v5', 'v4']);
  assert.deepEqual(reasonsOf(r, 'v2'), ['current']);
  assert.deepEqual(reasonsOf(r, 'v1'), ['previous']);
  assert.deepEqual(reasonsOf(r, 'v3'), ['last-good@staging', 'running@staging'], 'each reason once');
  assert.deepEqual(reasonsOf(r, 'v6'), ['newest']);
});

test('an incomplete version is never removed, and does not count among the newest', () => {
  const images = versions(3).concat([{ repository: 'shop-api', tag: 'v9', id: 'sha256:api9', created: '2025-01-01T00:00:00.000Z' }]);
  const r = selectPrune(input({ images, keep: 1 }));
  assert.deepEqual(reasonsOf(r, 'v9'), ['incomplete']);
  assert.deepEqual(reasonsOf(r, 'v3'), ['newest'], 'the newest complete version is kept, not displaced by the incomplete one');
  assert.deepEqual(removedOf(r), ['v2', 'v1']);
});

test('a version one of whose images a container uses is kept whole', () => {
  const r = selectPrune(input({ inUse: new Set(['sha256:web2']) }));
  assert.deepEqual(reasonsOf(r, 'v2'), ['in-use']);
  assert.ok(!removedOf(r).includes('v2'));
});

test('never lists other repositories, latest, or tags that are not version names', () => {
  const images = versions(2).concat([
    { repository: 'recyclic-api', tag: 'v1', id: 'sha256:other', created: '2020-01-01T00:00:00.000Z' },
    { repository: 'shop-api', tag: 'latest', id: 'sha256:l1', created: '2020-01-01T00:00:00.000Z' },
    { repository: 'shop-web', tag: 'latest', id: 'sha256:l2', created: '2020-01-01T00:00:00.000Z' },
    { repository: 'shop-api', tag: '-weird', id: 'sha256:w1', created: '2020-01-01T00:00:00.000Z' },
    { repository: 'shop-web', tag: '-weird', id: 'sha256:w2', created: '2020-01-01T00:00:00.000Z' },
  ]);
  const r = selectPrune(input({ images, keep: 1 }));
  const all = [...r.kept.map((k) => k.version), ...removedOf(r)];
  assert.deepEqual(all.sort(), ['v1', 'v2']);
  assert.deepEqual(r.remove.flatMap((x) => x.images.map((i) => i.reference)), ['shop-api:v1', 'shop-web:v1']);
});

test('versions created in the same second are ordered by name, like `reprise versions`', () => {
  const same = '2024-01-01T00:00:00.000Z';
  const images = ['a1', 'a3', 'a2'].flatMap((v) => services.map((s) => ({ repository: s.repository, tag: v, id: `sha256:${s.name}${v}`, created: same })));
  const r = selectPrune(input({ images, keep: 1 }));
  assert.deepEqual(reasonsOf(r, 'a3'), ['newest']);
  assert.deepEqual(removedOf(r), ['a2', 'a1']);
});

test('--keep accepts positive integers only', () => {
  assert.equal(parseKeep('3'), 3);
  assert.equal(parseKeep('1'), 1);
  for (const bad of ['0', '-1', '1.5', 'abc', '', ' ', '3x', '1e3']) assert.equal(parseKeep(bad), null, bad);
});

test('chain ids follow the image spec (sha256 of "parent diff")', () => {
  const a = 'sha256:a6aeaa81383426703c87abac418f73151b422a4b54741ebd81cf9a4634d467e0';
  const b = 'sha256:de2638048321fad2781753cfd2a8a1fc83da1c53d882cb477e4151b06357d4ea';
  // measured on Docker 20.10: deleting an image with these two layers reported this chain id as deleted
  assert.deepEqual(chainIds([a, b]), [a, 'sha256:bdfc9f8a83f3f818f5c7e56cf9de393ade3b63696c6c8bfa29ce7d6a75fa600b']);
});

test('layer sizes skip metadata history entries; ambiguous zero-size layers never overstate', () => {
  // history oldest first: base layer, ENV (no layer), COPY, CMD, LABEL
  assert.deepEqual(layerSizes(2, [100, 0, 50, 0, 0]), [100, 50]);
  // three layers, one of size 0: it is placed as high as possible
  assert.deepEqual(layerSizes(3, [100, 0, 50, 0]), [100, 50, 0]);
  assert.equal(layerSizes(1, [100, 50]), null, 'more sized entries than layers');
});

test('released bytes: only the layers the engine reported deleted', () => {
  const diff = ['sha256:l0', 'sha256:l1', 'sha256:l2'];
  const chain = chainIds(diff);
  assert.equal(chain[1], `sha256:${createHash('sha256').update('sha256:l0 sha256:l1').digest('hex')}`);
  const history = [1000, 0, 200, 30, 0];
  assert.equal(releasedBytes(diff, history, new Set([chain[2]])), 30);
  assert.equal(releasedBytes(diff, history, new Set([chain[1], chain[2], 'sha256:imageid'])), 230);
  assert.equal(releasedBytes(diff, history, new Set(['sha256:imageid'])), 0, 'untagged or all layers shared: nothing released');
});

test('bytes for people, in both languages', () => {
  assert.equal(formatBytes(0, 'en'), '0 B');
  assert.equal(formatBytes(50_000, 'en'), '50.0 kB');
  assert.equal(formatBytes(1_234_567, 'fr'), '1,23 Mo');
  assert.equal(formatBytes(106_323_889, 'en'), '106.3 MB');
});

test('a tag this configuration never released is never removed (a hand-made tag, another checkout\'s build) and does not count among the newest', () => {
  const images = versions(4).concat(services.map((sv) => ({ repository: sv.repository, tag: 'stable', id: `sha256:${sv.name}s`, created: '2023-01-01T00:00:00.000Z' })));
  const r = selectPrune(input({ images, keep: 1, released: new Set(['v1', 'v2', 'v4']) }));
  assert.deepEqual(reasonsOf(r, 'stable'), ['not-released']);
  assert.deepEqual(reasonsOf(r, 'v3'), ['not-released']);
  assert.deepEqual(reasonsOf(r, 'v4'), ['newest']);
  assert.deepEqual(removedOf(r), ['v2', 'v1']);
});

// Issue 17.6: exited one-shot containers (migrations) of old versions held their images, so prune removed nothing.
test('an old version used only by its own exited one-shot containers is removed, those containers first', () => {
  const leftovers = [{ id: 'c2', name: 'p-migrations-1', imageId: 'sha256:api2', version: 'v2' }];
  const imageUsers = new Map([['sha256:api2', ['c2']]]);
  const inUse = new Set(['sha256:api2']);
  // before: kept "in use" for ever
  assert.deepEqual(reasonsOf(selectPrune(input({ inUse })), 'v2'), ['in-use']);
  const r = selectPrune(input({ inUse, leftovers, imageUsers }));
  assert.deepEqual(removedOf(r), ['v5', 'v4', 'v3', 'v2', 'v1']);
  const v2 = r.remove.find((x) => x.version === 'v2')!;
  assert.deepEqual(v2.containers, [{ id: 'c2', name: 'p-migrations-1' }]);
  assert.deepEqual(r.remove.find((x) => x.version === 'v3')!.containers, []);
});

test('a version whose image another container also uses (another project, a running one, another version\'s) stays in use; so do kept versions, whose containers are never listed', () => {
  const inUse = new Set(['sha256:api2', 'sha256:api6']);
  const leftovers = [
    { id: 'c2', name: 'p-migrations-1', imageId: 'sha256:api2', version: 'v2' },
    { id: 'c6', name: 'p-migrations-2', imageId: 'sha256:api6', version: 'v6' },
  ];
  // another user of v2's image (a container of another project, or a running one: not a leftover)
  const shared = selectPrune(input({ inUse, leftovers, imageUsers: new Map([['sha256:api2', ['c2', 'other']], ['sha256:api6', ['c6']]]) }));
  assert.deepEqual(reasonsOf(shared, 'v2'), ['in-use']);
  // the newest (kept) version's own leftover is not touched
  assert.deepEqual(reasonsOf(shared, 'v6'), ['newest', 'in-use']);
  assert.ok(!shared.remove.some((x) => x.containers.some((c) => c.id === 'c6')));
  // a leftover that ran another version on the same image does not free it
  const mismatch = selectPrune(input({ inUse: new Set(['sha256:api2']), leftovers: [{ id: 'c9', name: 'x', imageId: 'sha256:api2', version: 'v3' }], imageUsers: new Map([['sha256:api2', ['c9']]]) }));
  assert.deepEqual(reasonsOf(mismatch, 'v2'), ['in-use']);
  // in use by something that is not a container (a Swarm service spec): kept
  const spec = selectPrune(input({ inUse: new Set(['sha256:api2']), leftovers: [leftovers[0]], imageUsers: new Map() }));
  assert.deepEqual(reasonsOf(spec, 'v2'), ['in-use']);
  // a protected version (previous) keeps its leftover
  const prev = selectPrune(input({ inUse: new Set(['sha256:api2']), leftovers: [leftovers[0]], imageUsers: new Map([['sha256:api2', ['c2']]]), protections: [{ version: 'v2', reason: 'previous' }] }));
  assert.deepEqual(reasonsOf(prev, 'v2'), ['previous', 'in-use']);
});

test('leftovers: only this project\'s exited or dead one-shot containers, with the version they ran; every container counted as a user', async () => {
  const { leftoversOf } = await import('../../src/commands/prune');
  const ctx = { project: { name: 'p', versioned: [{ name: 'migrations', repository: 'shop-migrations', oneShot: true }, { name: 'api', repository: 'shop-api', oneShot: false }] } } as unknown as Parameters<typeof leftoversOf>[0];
  const c = (id: string, over: Partial<{ image: string; imageId: string; state: string; project: string | null; service: string | null; oneOff: boolean }>) => ({ id, name: `n-${id}`, image: 'shop-migrations:v2', imageId: 'sha256:m2', state: 'exited', project: 'p', service: 'migrations', oneOff: false, ...over });
  const r = leftoversOf(ctx, [
    c('a', {}),
    c('b', { oneOff: true, state: 'dead' }), // a `compose run` of it
    c('run', { state: 'running' }),
    c('created', { state: 'created' }),
    c('other', { project: 'q' }),
    c('api', { service: 'api', image: 'shop-api:v2', imageId: 'sha256:a2' }),
    c('foreign', { image: 'elsewhere:v2', imageId: 'sha256:e' }),
  ]);
  assert.deepEqual(r.leftovers!.map((x) => [x.id, x.version]), [['a', 'v2'], ['b', 'v2']]);
  assert.deepEqual(r.imageUsers!.get('sha256:m2'), ['a', 'b', 'run', 'created', 'other']);
});
