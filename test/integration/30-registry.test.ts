// Issue 21, against a real registry (Debian's docker-registry on 127.0.0.1) and the real engine, through the
// CLI only: the demo's images are pushed to the registry and the engine is left without them.
//  - deploy --pull on an engine that has none of the images: every service runs the registry's image, and the
//    release records each one's image ID and repository digest (history --json);
//  - versions lists a version only the registry has; a rollback to a version pruned locally pulls it by digest;
//  - the registry stopped: the rollback that needs a pull fails with one line, exit 1, nothing changed;
//  - a tag pushed again with other content: the rollback says so and runs the recorded image, pulled by digest;
//  - prune after the moved tag keeps the recorded image;
//  - a registry with basic auth over TLS: no credentials and wrong ones are refused (nothing runs, no password
//    in any output), the docker CLI's credentials (DOCKER_CONFIG) work.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildImages,
  cleanupAll,
  cleanupProject,
  containerOf,
  containers,
  demoComposeWithRepositories,
  docker,
  expectCode,
  infraIds,
  makeProject,
  newVersion,
  portAllocator,
  reprise,
  rid,
  snapshot,
  VERSIONED,
  type Project,
} from './harness';
import { registryUnavailable, startRegistry, type TestRegistry } from './harness/registry-server';

const ports = portAllocator(30);
const R = rid(6);
const skip = registryUnavailable() ?? false;

/** `docker` with another CLI configuration folder (credentials), keeping the compose plugin of this lane */
function dockerWith(config: string, args: string[]): ReturnType<typeof docker> {
  return docker(['--config', config, ...args]);
}

/** a docker CLI configuration folder: `auths` for `host` when given, the lane's CLI plugins linked in */
function cliConfig(auth: { host: string; username: string; password: string } | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-dockercfg-'));
  const plugins = process.env.DOCKER_CONFIG ? join(process.env.DOCKER_CONFIG, 'cli-plugins') : null;
  if (plugins && existsSync(plugins)) symlinkSync(plugins, join(dir, 'cli-plugins'));
  const auths = auth ? { [auth.host]: { auth: Buffer.from(`${auth.username}:${auth.password}`).toString('base64') } } : {};
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths }), { mode: 0o600 });
  return dir;
}

function imageId(ref: string): string | null {
  const r = docker(['image', 'inspect', '--format', '{{.Id}}', ref]);
  return r.status === 0 ? r.stdout.trim() : null;
}

/** service → image ID its newest running container runs */
function runningIds(p: Project): Record<string, string> {
  const out: Record<string, string> = {};
  const list = containers(p);
  for (const s of VERSIONED) {
    const c = containerOf(p, s, list);
    if (c) out[s] = docker(['inspect', '--format', '{{.Image}}', c.id]).stdout.trim();
  }
  return out;
}

interface ReleaseJson {
  id: number;
  kind: string;
  version: string;
  outcome: string;
  images: Array<{ service: string; image: string; imageId: string; repoDigest: string | null }>;
}

function releases(p: Project, env: NodeJS.ProcessEnv = {}): ReleaseJson[] {
  return expectCode(reprise(p, ['history', '--json', '--limit', '50'], { env }), 0, 'history').json.releases as ReleaseJson[];
}

/** what the newest successful release of `version` recorded: service → image ID */
function recordedIds(p: Project, version: string): Record<string, string> {
  const r = releases(p).find((x) => x.version === version && x.outcome === 'success' && x.images.length > 0);
  assert.ok(r, `a successful release of ${version} recorded its images`);
  return Object.fromEntries(r.images.map((i) => [i.service, i.imageId]));
}

describe('releases from a registry (plain HTTP on 127.0.0.1)', { skip }, () => {
  let reg: TestRegistry;
  let p: Project;
  const A = newVersion('a');
  const B = newVersion('b');
  const C = newVersion('c');
  const repo = (service: string): string => `${reg.host}/rit${R}/${service}`;
  const refs = (version: string): string[] => VERSIONED.map((s) => `${repo(s)}:${version}`);
  /** removes every local tag of these versions (the registry's and the demo's): the engine has none of their images */
  const dropLocal = (...versions: string[]): void => {
    const tags = versions.flatMap((v) => [...refs(v), ...VERSIONED.map((s) => `recyclic-${s}:${v}`)]).filter((r) => imageId(r) !== null);
    if (tags.length) assert.equal(docker(['rmi', ...tags]).status, 0, `rmi ${tags.join(' ')}`);
  };

  before(async () => {
    reg = await startRegistry();
    p = makeProject({ label: 'registry', ports: ports(0) });
    writeFileSync(join(p.dir, 'docker-compose.yml'), demoComposeWithRepositories(repo));
    buildImages(p, [A, B, C]);
    for (const v of [A, B, C]) {
      for (const s of VERSIONED) {
        assert.equal(docker(['tag', `recyclic-${s}:${v}`, `${repo(s)}:${v}`]).status, 0);
        const pushed = docker(['push', `${repo(s)}:${v}`]);
        assert.equal(pushed.status, 0, pushed.stderr);
      }
    }
    dropLocal(A, B, C);
  });

  after(async () => {
    cleanupProject(p);
    const mine = docker(['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${reg.host}/rit${R}/*`]).stdout.split('\n').filter(Boolean);
    if (mine.length) docker(['rmi', '-f', ...mine]);
    await reg.stop();
    rmSync(reg.dir, { recursive: true, force: true });
    cleanupAll();
  });

  test('deploy --pull on an engine that has none of the images: the registry\'s images run, their IDs and digests are recorded', () => {
    for (const r of refs(A)) assert.equal(imageId(r), null, `${r} is not on the engine`);
    const r = expectCode(reprise(p, ['deploy', A, '--pull', '--json']), 0, 'deploy --pull');
    assert.equal(r.json.ok, true);
    assert.match(r.stderr, new RegExp(`Pulling ${repo('api').replace(/[.]/g, '\\.')}:${A}`));
    const running = runningIds(p);
    for (const s of VERSIONED) {
      assert.equal(containerOf(p, s)?.image, `${repo(s)}:${A}`, `${s} runs the registry's image`);
      assert.equal(running[s], imageId(`${repo(s)}:${A}`));
    }
    const release = releases(p)[0];
    assert.equal(release.version, A);
    assert.deepEqual(release.images.map((i) => i.service).sort(), [...VERSIONED].sort());
    for (const i of release.images) {
      assert.equal(i.imageId, running[i.service], `${i.service}: the image ID that runs`);
      const digests = JSON.parse(docker(['image', 'inspect', '--format', '{{json .RepoDigests}}', i.imageId]).stdout) as string[];
      assert.ok(i.repoDigest && digests.includes(i.repoDigest) && i.repoDigest.startsWith(`${repo(i.service)}@sha256:`), `${i.service}: ${i.repoDigest} in ${digests.join(', ')}`);
    }
  });

  test('versions lists a version only the registry has; deploy B (pulled without --pull: only in the registry)', () => {
    const v = expectCode(reprise(p, ['versions', '--json']), 0, 'versions').json;
    const b = v.versions.find((x: { version: string }) => x.version === B);
    assert.ok(b, `${B} is listed: ${JSON.stringify(v.versions.map((x: { version: string }) => x.version))}`);
    assert.equal(b.complete, true);
    assert.deepEqual(b.origin, ['registry']);
    for (const s of VERSIONED) assert.equal(b.images[s].where, 'registry', s);
    const a = v.versions.find((x: { version: string }) => x.version === A);
    for (const s of VERSIONED) assert.equal(a.images[s].where, 'local', s);
    expectCode(reprise(p, ['deploy', B, '--json']), 0, `deploy ${B}`);
    for (const s of VERSIONED) assert.equal(containerOf(p, s)?.image, `${repo(s)}:${B}`);
  });

  test('rollback to a version pruned locally but in the registry: pulled by its recorded digest, the database untouched', () => {
    const recorded = recordedIds(p, A);
    dropLocal(A);
    for (const r of refs(A)) assert.equal(imageId(r), null, `${r} removed`);
    const infra = infraIds(p);
    const r = expectCode(reprise(p, ['rollback', '--yes', '--json']), 0, 'rollback to the previous version');
    assert.equal(r.json.version, A);
    assert.match(r.stderr, /@sha256:/, 'pulled by digest');
    assert.deepEqual(runningIds(p), recorded, 'every service runs the image the release of A ran');
    assert.deepEqual(infraIds(p), infra, 'db and cache were not recreated');
  });

  test('the registry stopped: a rollback that needs a pull fails with one clear line, exit 1, nothing changed', async () => {
    dropLocal(B);
    await reg.stop();
    try {
      const before = snapshot(p);
      const r = reprise(p, ['rollback', B, '--yes']);
      assert.equal(r.code, 1, r.stderr);
      const first = r.stderr.split('\n').find((l) => l.startsWith('OPERATION_FAILED'));
      assert.ok(first, r.stderr);
      assert.match(first, /Pulling .* failed: .*Nothing was changed\./);
      assert.deepEqual(snapshot(p), before, 'the stack is untouched');
      const metrics = JSON.parse(readFileSync(join(p.dir, 'logs', 'rollback-metrics.json'), 'utf8')) as Array<{ status: string; version: string }>;
      assert.equal(metrics.at(-1)?.status, 'failed', 'the attempt is in the metrics file');
      assert.equal(metrics.at(-1)?.version, B);
    } finally {
      await reg.start();
    }
  });

  test('a tag pushed again with other content: the rollback says so and runs the recorded image, pulled by digest', () => {
    expectCode(reprise(p, ['deploy', B, '--json']), 0, `deploy ${B} (pulled again)`);
    const recorded = recordedIds(p, A);
    // A's tag is pushed again with C's content, and pulled here: the local tag A names C's image now
    for (const s of VERSIONED) {
      assert.equal(docker(['pull', `${repo(s)}:${C}`]).status, 0);
      assert.equal(docker(['tag', `${repo(s)}:${C}`, `${repo(s)}:${A}`]).status, 0);
      assert.equal(docker(['push', `${repo(s)}:${A}`]).status, 0);
    }
    // the image A ran is gone from the engine: only the registry has it, by digest
    for (const s of VERSIONED) {
      const id = recorded[s];
      if (imageId(id) !== null) assert.equal(docker(['rmi', id]).status, 0, `rmi ${id}`);
    }
    const r = expectCode(reprise(p, ['rollback', A, '--yes', '--json']), 0, `rollback ${A}`);
    assert.match(r.stderr, /no longer names the image/);
    assert.deepEqual(runningIds(p), recorded, 'the recorded images run, not what the tag names in the registry');
    for (const s of VERSIONED) assert.equal(imageId(`${repo(s)}:${A}`), recorded[s], `${s}: ${A} names the recorded image again`);
  });

  test('prune after the moved tag keeps the recorded image; a rollback to it then needs no registry', async () => {
    const recorded = recordedIds(p, A);
    // the tag moves again (C's content pulled as A): the recorded images are under no tag of A any more
    for (const s of VERSIONED) assert.equal(docker(['tag', `${repo(s)}:${C}`, `${repo(s)}:${A}`]).status, 0);
    expectCode(reprise(p, ['deploy', B, '--json']), 0, `deploy ${B}`);
    const pruned = expectCode(reprise(p, ['prune', '--keep', '1', '--json']), 0, 'prune');
    assert.equal(pruned.json.ok, true);
    for (const s of VERSIONED) assert.notEqual(imageId(recorded[s]), null, `${s}: the image release ${A} ran is still here`);
    await reg.stop();
    try {
      const r = expectCode(reprise(p, ['rollback', A, '--yes', '--json']), 0, `rollback ${A} without the registry`);
      assert.match(r.stderr, /no longer names the image/);
      assert.deepEqual(runningIds(p), recorded);
    } finally {
      await reg.start();
    }
  });
});

describe('a registry with basic auth over TLS: credentials come from the docker CLI configuration', { skip }, () => {
  const PASSWORD = `pw-${rid(12)}`;
  let reg: TestRegistry;
  let p: Project;
  let certsDir: string | null = null;
  const configs: string[] = [];
  const V = newVersion('t');
  const repo = (service: string): string => `${reg.host}/rit${R}/${service}`;

  before(async () => {
    reg = await startRegistry({ auth: { username: 'ci', password: PASSWORD }, tls: true });
    // the daemon trusts the test's CA for this registry only (and reprise reads the same folder)
    certsDir = join('/etc/docker/certs.d', reg.host);
    mkdirSync(certsDir, { recursive: true });
    copyFileSync(reg.caFile!, join(certsDir, 'ca.crt'));
    p = makeProject({ label: 'regauth', ports: ports(1) });
    writeFileSync(join(p.dir, 'docker-compose.yml'), demoComposeWithRepositories(repo));
    buildImages(p, [V]);
    const good = cliConfig({ host: reg.host, username: 'ci', password: PASSWORD });
    configs.push(good);
    for (const s of VERSIONED) {
      assert.equal(docker(['tag', `recyclic-${s}:${V}`, `${repo(s)}:${V}`]).status, 0);
      const pushed = dockerWith(good, ['push', `${repo(s)}:${V}`]);
      assert.equal(pushed.status, 0, pushed.stderr);
      assert.equal(docker(['rmi', `${repo(s)}:${V}`, `recyclic-${s}:${V}`]).status, 0);
    }
  });

  after(async () => {
    cleanupProject(p);
    const mine = docker(['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${reg.host}/rit${R}/*`]).stdout.split('\n').filter(Boolean);
    if (mine.length) docker(['rmi', '-f', ...mine]);
    await reg.stop();
    rmSync(reg.dir, { recursive: true, force: true });
    if (certsDir) rmSync(certsDir, { recursive: true, force: true });
    for (const c of configs) rmSync(c, { recursive: true, force: true });
    cleanupAll();
  });

  test('no credentials, then a wrong password: refused with one line, nothing runs, the password in no output', () => {
    const none = cliConfig(null);
    const wrong = cliConfig({ host: reg.host, username: 'ci', password: `${PASSWORD}-wrong` });
    configs.push(none, wrong);
    for (const [what, config] of [['no credentials', none], ['a wrong password', wrong]] as const) {
      const r = reprise(p, ['deploy', V, '--pull'], { env: { DOCKER_CONFIG: config } });
      assert.equal(r.code, 1, `${what}: ${r.stderr}`);
      const line = r.stderr.split('\n').find((l) => l.startsWith('OPERATION_FAILED'));
      assert.ok(line, `${what}: ${r.stderr}`);
      assert.match(line, /Pulling .* failed: .*Nothing was changed\./);
      assert.match(r.stderr, /docker login/);
      assert.ok(!`${r.stdout}${r.stderr}`.includes(PASSWORD), `${what}: the password appears in the output`);
      assert.deepEqual(containers(p), [], `${what}: nothing runs`);
    }
  });

  test('the credentials of `docker login` (DOCKER_CONFIG): the version is pulled and runs; versions sees the registry', () => {
    const good = configs[0];
    const r = expectCode(reprise(p, ['deploy', V, '--pull', '--json'], { env: { DOCKER_CONFIG: good } }), 0, 'deploy with credentials');
    assert.ok(!`${r.stdout}${r.stderr}`.includes(PASSWORD));
    for (const s of VERSIONED) assert.equal(containerOf(p, s)?.image, `${repo(s)}:${V}`);
    const v = expectCode(reprise(p, ['versions', '--json'], { env: { DOCKER_CONFIG: good } }), 0, 'versions').json;
    assert.equal(v.versions.find((x: { version: string }) => x.version === V)?.images.api.where, 'local');
    // without credentials the registry refuses the tag list: one warning, the local versions still listed
    const refused = expectCode(reprise(p, ['versions', '--json'], { env: { DOCKER_CONFIG: configs[1] } }), 0, 'versions without credentials');
    assert.match(refused.stderr, /could not be read/);
    assert.ok(refused.json.versions.some((x: { version: string }) => x.version === V));
    for (const db of readFileSync(join(p.dir, '.reprise', 'state.db')).toString('latin1').split('\0')) assert.ok(!db.includes(PASSWORD));
  });
});
