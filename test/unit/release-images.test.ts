// Issue 21 item 4, without a registry (the fake engine): a release records the image each service ran; a
// rollback to a version whose tag moved runs the recorded image (named again when it is still on the engine),
// or refuses with VERSION_INCOMPLETE naming the moved tag when it is gone; prune never removes an image a kept
// version's release ran, whatever tag it carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy } from '../../src/commands/deploy';
import { rollback } from '../../src/commands/rollback';
import { history } from '../../src/commands/queries';
import { isRepriseError } from '../../src/domain/errors';
import { selectPrune } from '../../src/domain/prune';
import { fakeStack, type FakeStack } from './fake-engine';

/** `repository:tag` now names another image (a re-pushed tag pulled here); the old one stays by ID (or not) */
function moveTag(s: FakeStack, repository: string, tag: string, keepOld: boolean): string {
  const img = s.engine.localImages.find((i) => i.repository === repository && i.tag === tag)!;
  const old = img.id;
  img.id = `sha256:moved-${repository}-${tag}`;
  if (keepOld) s.engine.localImages.push({ ...img, id: old, tag: '<none>' });
  return old;
}

test('a release records what each service ran; history --json shows it', async () => {
  const s = fakeStack({ running: 'v1', versions: ['v1', 'v2'], history: ['v1'] });
  try {
    const r = await deploy(s.ctx, { version: 'v2' });
    const images = s.ctx.store.releaseImages(r.releaseId!);
    assert.deepEqual(
      images.map((i) => [i.service, i.image, i.imageId]),
      s.ctx.project.versioned.map((v) => [v.name, `${v.repository}:v2`, `sha256:${v.repository}:v2`]),
    );
    const h = history(s.ctx, 10);
    assert.deepEqual(h.releases[0].images.map((i) => i.imageId), images.map((i) => i.imageId));
  } finally {
    s.close();
  }
});

test('rollback to a version whose tag moved: says so, names the recorded image again, runs it', async () => {
  const s = fakeStack({ running: 'v1', versions: ['v1', 'v2'], history: [] });
  try {
    await deploy(s.ctx, { version: 'v1' }).catch(() => undefined);
    // v1 released through reprise (recorded), then v2
    const first = await deploy(s.ctx, { version: 'v2' });
    assert.ok(first.releaseId);
    await rollback(s.ctx, { version: 'v1', yes: true });
    await deploy(s.ctx, { version: 'v2' });
    const recorded = s.ctx.store.versionImages(s.ctx.project.name, 'v1');
    assert.equal(recorded.length, s.ctx.project.versioned.length);
    const old = moveTag(s, 'repo/api', 'v1', true);
    s.engine.calls.length = 0;
    s.lines.length = 0;
    await rollback(s.ctx, { version: 'v1', yes: true });
    const tagged = s.engine.calls.filter((c) => c.method === 'tagImage');
    assert.deepEqual(tagged.map((c) => c.args), [[old, 'repo/api', 'v1']], 'the recorded image is named v1 again');
    assert.ok(s.lines.some((l) => l.includes('repo/api:v1') && l.includes('no longer names')), s.lines.join('\n'));
    assert.equal(s.engine.localImages.find((i) => i.repository === 'repo/api' && i.tag === 'v1')?.id, old);
    assert.ok(s.engine.calls.some((c) => c.method === 'apply'), 'the rollback ran');
  } finally {
    s.close();
  }
});

test('rollback to a version whose tag moved and whose recorded image is gone (no digest): VERSION_INCOMPLETE naming the moved tag, nothing changed', async () => {
  const s = fakeStack({ running: 'v1', versions: ['v1', 'v2'], history: [] });
  try {
    await deploy(s.ctx, { version: 'v2' });
    await rollback(s.ctx, { version: 'v1', yes: true });
    await deploy(s.ctx, { version: 'v2' });
    moveTag(s, 'repo/web', 'v1', false);
    s.engine.calls.length = 0;
    const running = s.engine.running();
    await assert.rejects(rollback(s.ctx, { version: 'v1', yes: true }), (e: unknown) => {
      assert.ok(isRepriseError(e));
      assert.equal(e.code, 'VERSION_INCOMPLETE');
      assert.match(e.message, /repo\/web:v1/);
      assert.equal(e.message.split('\n').length, 1);
      return true;
    });
    assert.deepEqual(s.engine.calls.filter((c) => c.method !== 'pullImage'), [], 'no change');
    assert.deepEqual(s.engine.running(), running);
  } finally {
    s.close();
  }
});

test('prune never removes an image a kept version ran, even under another version\'s tag', () => {
  const services = [{ name: 'api', repository: 'r/api' }];
  const img = (tag: string, id: string, created: string) => ({ repository: 'r/api', tag, id, created, size: 1 });
  const images = [img('v3', 'sha256:c', '2024-01-03'), img('v2', 'sha256:b', '2024-01-02'), img('v1', 'sha256:x', '2024-01-01')];
  const base = { services, images, keep: 1, protections: [{ version: 'v2', reason: 'previous' }], inUse: new Set<string>(), released: new Set(['v1', 'v2', 'v3']) };
  // without records: v1 goes
  assert.deepEqual(selectPrune(base).remove.map((r) => r.version), ['v1']);
  // v2's release ran sha256:x (v2's tag moved to sha256:b since): the image under v1's tag is kept
  const sel = selectPrune({ ...base, ran: [{ version: 'v2', imageId: 'sha256:x' }] });
  assert.deepEqual(sel.remove, []);
  assert.deepEqual(sel.kept.find((k) => k.version === 'v1')?.reasons, ['ran-by:v2']);
});

test('X-Registry-Auth is base64url with its padding (Docker 20.10 ignores it without)', async () => {
  const { registryAuthHeader } = await import('../../src/engines/compose/image-ops');
  for (const password of ['a', 'ab', 'abc', 'p+/?~>']) {
    const header = registryAuthHeader({ username: 'ci', password, serveraddress: '127.0.0.1:5000' });
    assert.equal(header.length % 4, 0, header);
    assert.match(header, /^[A-Za-z0-9_-]+={0,2}$/);
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')), { username: 'ci', password, serveraddress: '127.0.0.1:5000' });
  }
});

test('a deploy of a version whose recorded image is gone (built here, never pushed) runs what its tag names now, never refused for ever', async () => {
  const s = fakeStack({ running: 'v1', versions: ['v1', 'v2'], history: [] });
  try {
    await deploy(s.ctx, { version: 'v2' });
    await rollback(s.ctx, { version: 'v1', yes: true });
    await deploy(s.ctx, { version: 'v2' });
    moveTag(s, 'repo/web', 'v1', false);
    // a rollback is strict: it runs what v1 ran or nothing …
    await assert.rejects(rollback(s.ctx, { version: 'v1', yes: true }), /repo\/web:v1/);
    // … a deploy (e.g. after `deploy v1 --build` rebuilt the pruned image) runs the tag as it is now
    s.engine.calls.length = 0;
    const r = await deploy(s.ctx, { version: 'v1' });
    assert.equal(r.version, 'v1');
    assert.ok(s.engine.calls.some((c) => c.method === 'apply'));
    assert.equal(s.engine.calls.filter((c) => c.method === 'tagImage').length, 0);
  } finally {
    s.close();
  }
});

test('registry tags that are not versions: latest and signatures are never listed', async () => {
  const { isVersionTag } = await import('../../src/release/resolve/image-whereabouts');
  for (const t of ['abc1234', 'v1.2.3', 'main']) assert.equal(isVersionTag(t), true, t);
  for (const t of ['latest', `sha256-${'a'.repeat(64)}.sig`, `sha256-${'b'.repeat(64)}.att`, 'bad tag']) assert.equal(isVersionTag(t), false, t);
});
