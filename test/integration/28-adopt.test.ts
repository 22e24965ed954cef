// Adopting a stack as the first user runs it (issue 17, items 4 and 5): the prod-like fixture
// (test/fixtures/prod-like: docker-compose.prod.yml, container_name everywhere, no published port for the
// versioned services, an external network, healthchecks every 30 s with a 30 s start period, a migrations
// one-shot nothing depends on, two env files) is started with plain compose, then driven only through the CLI:
// `reprise init` with no flag adopts it (project, both env files, the compose file; it says there is no health
// URL and why, and that it prunes after every deploy); `deploy B` and `rollback A`, after each of which the tag
// lines of .build-meta.env name what runs (every other byte and the mode kept) and a plain
// `docker compose … up -d` recreates nothing; doctor agrees, and warns once a tag line is edited by hand.
// Needs compose v2 (2.17+: several --env-file).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  buildImages,
  composeV2Available,
  containerOf,
  containers,
  expectCode,
  newVersion,
  parseEnv,
  plainCompose,
  portAllocator,
  reprise,
  rid,
  TAG_VARS,
  VERSIONED,
  waitStackOn,
  prodLikeComposeArgs,
  startProdLike,
  removeProdLike,
  type Project,
  type RunResult,
} from './harness';

const ports = portAllocator(28);
const R = rid();
const A = newVersion('a');
const B = newVersion('b');
/** test projects are named rit-* (scripts/test.sh removes what an interrupted run left) */
const NAME = `rit-recyclic-prod-${R}`;
const PREFIX = `rit-adopt-${R}`;
const EDGE = `rit-edge-${R}`;
const SECRETS = { POSTGRES_PASSWORD: `pw-${rid(10)}`, SECRET_KEY: `sk-${rid(12)}` };
const META_MODE = 0o640;

let p: Project;
let prodText = '';
/** .build-meta.env as the user wrote it, with A as every tag */
let metaWithA = '';

/** The user's own command line: `docker compose -p NAME -f docker-compose.prod.yml --env-file … --env-file …`. */
const composeArgs = (): string[] => prodLikeComposeArgs(NAME);

function noSecrets(r: RunResult, what: string): void {
  for (const [k, v] of Object.entries(SECRETS)) assert.ok(!r.stdout.includes(v) && !r.stderr.includes(v), `${what}: the value of ${k} appears in reprise's output`);
}

/** service → container id, every container of the project (running or exited) */
function ids(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of containers(NAME)) out[`${c.service} ${c.name}`] = c.id;
  return out;
}

/** After a release to `version`: the env files agree with what runs, byte for byte where they should. */
function assertEnvFilesFollow(version: string): void {
  const meta = readFileSync(join(p.dir, '.build-meta.env'), 'utf8');
  const tags = parseEnv(meta);
  for (const v of TAG_VARS) assert.equal(tags.get(v), version, `${v} in .build-meta.env names ${version}`);
  for (const s of VERSIONED) assert.equal(containerOf(p, s)?.image, `recyclic-${s}:${version}`, `${s} runs ${version}`);
  // only the tag values changed: every other byte (comments, export, quotes, trailing comment, order) kept
  assert.equal(meta, metaWithA.split(A).join(version), '.build-meta.env: only the tag values differ');
  assert.equal(statSync(join(p.dir, '.build-meta.env')).mode & 0o7777, META_MODE, 'mode of .build-meta.env kept');
  assert.equal(readFileSync(join(p.dir, '.env.production'), 'utf8'), prodText, '.env.production untouched');
  assert.equal(statSync(join(p.dir, '.env.production')).mode & 0o7777, 0o600);
}

/** A plain `docker compose … up -d` with the project's files and env files recreates nothing. */
function assertPlainUpRecreatesNothing(version: string): void {
  const before = ids();
  const r = plainCompose(p, [...composeArgs(), 'up', '-d'], 'v2');
  assert.equal(r.status, 0, `plain compose up -d: ${r.stderr}`);
  assert.deepEqual(ids(), before, `plain compose up -d recreated nothing:\n${r.stderr}`);
  for (const s of VERSIONED) assert.equal(containerOf(p, s)?.image, `recyclic-${s}:${version}`, `${s} still runs ${version}`);
}

function doctorEnvTags(): { status: string; summary: string; fix: string | null; details: Record<string, unknown> } {
  const r = reprise(p, ['doctor', '--json']);
  assert.ok(r.code === 0 || r.code === 1, `doctor exit ${r.code}: ${r.stderr}`);
  noSecrets(r, 'doctor');
  const check = (r.json?.checks as Array<{ id: string; status: string; summary: string; fix: string | null; details: Record<string, unknown> }> | undefined)?.find((c) => c.id === 'env_tags');
  assert.ok(check, `doctor has an env_tags check:\n${r.stdout}`);
  return check;
}

describe('reprise init adopts a running prod-like stack; compose and reprise agree after every release', { skip: composeV2Available() ? false : 'compose v2 is not installed here (`docker compose version` failed)' }, () => {
  before(async () => {
    ({ p, prodText, metaText: metaWithA } = await startProdLike({
      label: 'adopt',
      name: NAME,
      prefix: PREFIX,
      edge: EDGE,
      ports: ports(0),
      secrets: SECRETS,
      version: A,
      build: (q) => buildImages(q, [A, B]),
      metaMode: META_MODE,
    }));
  });

  after(() => {
    removeProdLike(p, composeArgs(), EDGE);
  });

  test('reprise init with no flag (stdin closed, --yes) adopts the running project: name, compose file, both env files', () => {
    const r = expectCode(reprise(p, ['init', '--yes', '--json']), 0, 'init');
    noSecrets(r, 'init');
    assert.equal(r.json?.ok, true);
    assert.equal(r.json.source.kind, 'running', JSON.stringify(r.json.source));
    assert.equal(r.json.source.runningProject, NAME);
    const text = readFileSync(join(p.dir, 'reprise.yml'), 'utf8');
    for (const v of Object.values(SECRETS)) assert.ok(!text.includes(v), 'no secret in reprise.yml');
    const cfg = parse(text) as Record<string, unknown>;
    assert.equal(cfg.project, NAME);
    assert.deepEqual(cfg.compose_files, ['docker-compose.prod.yml']);
    assert.deepEqual(cfg.env_file, ['.env.production', '.build-meta.env']);
    assert.deepEqual(Object.keys(cfg.services as object).sort(), ['api', 'api-migrations', 'bot', 'frontend']);
    assert.equal(cfg.keep_versions, 5);
    // what it decided and could not, as data
    const decisions = r.json.decisions as Array<{ topic: string; status: string; service: string | null; message: string; line: string | null }>;
    const noUrl = decisions.filter((d) => d.topic === 'health' && d.status === 'undecided').map((d) => d.service);
    assert.deepEqual(noUrl.sort(), ['api', 'bot', 'frontend'], 'no health URL for the versioned services: nothing is published');
    const prune = decisions.find((d) => d.topic === 'prune');
    assert.equal(prune?.line, 'keep_versions: 5');
    assert.ok(r.json.services.find((s: { name: string }) => s.name === 'api')?.healthcheckUrl?.includes('/health'), 'the api healthcheck is an HTTP call');
    assert.equal(r.json.services.find((s: { name: string }) => s.name === 'api')?.router, 'traefik');
    assert.deepEqual(r.json.services.find((s: { name: string }) => s.name === 'api')?.externalNetworks, [EDGE]);

    // what it prints (the same, for people): no health URL and why, the prune policy and the line to change
    const human = expectCode(reprise(p, ['init', '--force', '--yes']), 0, 'init (human)');
    noSecrets(human, 'init (human)');
    assert.match(human.stderr, /api: no health URL — it publishes no port/);
    assert.match(human.stderr, /reprise\.yml: services: \{ api: \{ health: \{ url: "http:\/\/HOST:PORT\/health" \} \} \}/);
    assert.match(human.stderr, /prune after every deploy/);
    assert.match(human.stderr, /reprise\.yml: keep_versions: 5/);
    assert.match(human.stderr, /tag lines of \.build-meta\.env/);
    assert.match(human.stderr, new RegExp(`adopted the running compose project ${NAME}`));
    // reprise reads the stack as plain compose runs it
    const versions = expectCode(reprise(p, ['versions', '--json']), 0, 'versions');
    assert.equal(versions.json?.current, A, `current version: ${versions.stdout}`);
  });

  test('deploy B through reprise: .build-meta.env names B (only its tag lines changed, mode kept)', async () => {
    const r = expectCode(reprise(p, ['deploy', B, '--yes', '--json']), 0, `deploy ${B}`);
    noSecrets(r, 'deploy');
    assert.equal(await waitStackOn(p, B, 120_000), null);
    assert.match(r.stderr, /\.build-meta\.env: .*API_IMAGE_TAG.* set to /);
    assertEnvFilesFollow(B);
  });

  test('after deploy B, plain compose up -d recreates nothing', () => {
    assertPlainUpRecreatesNothing(B);
  });

  test('rollback to A through reprise: .build-meta.env is again byte for byte what the user wrote', async () => {
    const r = expectCode(reprise(p, ['rollback', A, '--yes', '--json']), 0, `rollback ${A}`);
    noSecrets(r, 'rollback');
    assert.equal(await waitStackOn(p, A, 120_000), null);
    assertEnvFilesFollow(A);
    assert.equal(readFileSync(join(p.dir, '.build-meta.env'), 'utf8'), metaWithA);
  });

  test('after rollback A, plain compose up -d recreates nothing', () => {
    assertPlainUpRecreatesNothing(A);
  });

  test('doctor: no disagreement; a hand-edited tag line makes env_tags warn with the line to set', () => {
    const okCheck = doctorEnvTags();
    assert.equal(okCheck.status, 'ok', okCheck.summary);
    writeFileSync(join(p.dir, '.build-meta.env'), metaWithA.replace(`API_IMAGE_TAG=${A}`, `API_IMAGE_TAG=${B}`));
    chmodSync(join(p.dir, '.build-meta.env'), META_MODE);
    try {
      const warn = doctorEnvTags();
      assert.equal(warn.status, 'warn', warn.summary);
      assert.deepEqual(warn.details.differ, ['api']);
      assert.match(warn.summary, new RegExp(`api: API_IMAGE_TAG=${B} \\(\\.build-meta\\.env\\) ≠ ${A}`));
      assert.match(warn.fix ?? '', new RegExp(`API_IMAGE_TAG=${A} \\(\\.build-meta\\.env\\)`));
    } finally {
      writeFileSync(join(p.dir, '.build-meta.env'), metaWithA);
      chmodSync(join(p.dir, '.build-meta.env'), META_MODE);
    }
    assert.equal(doctorEnvTags().status, 'ok', 'back in step');
  });
});
