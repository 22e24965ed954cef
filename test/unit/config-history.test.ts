// Configuration history (issue 5): the pure parts (env key diff, snapshot hash, service changes, masking)
// and the snapshot store (deduplication, release links), with a throw-away project directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Store } from '../../src/adapters/store';
import { envKeyDiff, maskLine, serviceChanges, snapshotHash, unifiedDiff } from '../../src/domain/config-diff';
import { captureConfig, configFilesDir, envSnapshotFile, storeConfig, wholeContent } from '../../src/release/record/config-record';
import { isRepriseError } from '../../src/domain/errors';
import { showRelease } from '../../src/commands/config-show';
import type { NewRelease } from '../../src/domain/types';
import type { Project } from '../../src/config/project';

function rel(project: string, version: string, over: Partial<NewRelease> = {}): NewRelease {
  return { project, kind: 'deploy', trigger: 'manual', version, fromVersion: null, startedAt: '2025-01-27T10:30:00Z', user: 'ops', host: 'box', message: null, ...over };
}

const COMPOSE_A = `services:
  api:
    image: app-api:\${API_TAG}
    ports:
      - "127.0.0.1:8000:8000"
    environment:
      DATABASE_URL: postgresql://app:\${DB_PASSWORD}@db:5432/app
  db:
    image: postgres:15
`;
const COMPOSE_B = COMPOSE_A.replace('      - "127.0.0.1:8000:8000"\n', '      - "127.0.0.1:8000:8000"\n      - "127.0.0.1:9000:9000"\n');

test('envKeyDiff: added, removed and changed keys, never values', () => {
  const before = { keys: ['A', 'B', 'DB_PASSWORD'], values: new Map([['A', '1'], ['B', '2'], ['DB_PASSWORD', 'old-s3cr3t']]) };
  const after = { keys: ['A', 'DB_PASSWORD', 'C'], values: new Map([['A', '1'], ['DB_PASSWORD', 'new-s3cr3t'], ['C', '3']]) };
  const d = envKeyDiff(before, after);
  assert.deepEqual(d, { added: ['C'], removed: ['B'], changed: ['DB_PASSWORD'] });
  const text = JSON.stringify(d);
  assert.ok(!text.includes('s3cr3t'), 'no value in the result');
  // values of one side unknown (its env snapshot file is gone): changed keys are unknown, added/removed known
  assert.deepEqual(envKeyDiff({ keys: ['A', 'B'], values: null }, after), { added: ['C', 'DB_PASSWORD'], removed: ['B'], changed: null });
  // no env file before: everything is added
  assert.deepEqual(envKeyDiff(null, after), { added: ['A', 'C', 'DB_PASSWORD'], removed: [], changed: [] });
});

test('snapshotHash: same content, same hash; any change in a file or the env hash changes it', () => {
  const files = [{ role: 'compose' as const, path: 'docker-compose.yml', content: COMPOSE_A }];
  const h = snapshotHash(files, { path: '.env', hash: 'abc' });
  assert.equal(h, snapshotHash([{ ...files[0] }], { path: '.env', hash: 'abc' }));
  assert.notEqual(h, snapshotHash([{ ...files[0], content: COMPOSE_B }], { path: '.env', hash: 'abc' }));
  assert.notEqual(h, snapshotHash(files, { path: '.env', hash: 'abd' }));
  assert.notEqual(h, snapshotHash(files, null));
  assert.match(h, /^[0-9a-f]{64}$/);
});

test('serviceChanges: a port added to api changes api only; key order is not a change', () => {
  assert.deepEqual(serviceChanges([COMPOSE_A], [COMPOSE_B]), { changed: ['api'], added: [], removed: [], topLevel: [] });
  const reordered = `services:\n  db:\n    image: postgres:15\n  api:\n    environment:\n      DATABASE_URL: postgresql://app:\${DB_PASSWORD}@db:5432/app\n    ports:\n      - "127.0.0.1:8000:8000"\n    image: app-api:\${API_TAG}\n`;
  assert.deepEqual(serviceChanges([COMPOSE_A], [reordered]).changed, []);
  const withCache = `${COMPOSE_A}  cache:\n    image: redis:7\nvolumes:\n  data: {}\n`;
  assert.deepEqual(serviceChanges([withCache], [COMPOSE_A]), { changed: [], added: [], removed: ['cache'], topLevel: ['volumes'] });
  assert.deepEqual(serviceChanges([COMPOSE_A], [withCache]).added, ['cache']);
  // several files: a change in the override file counts
  assert.deepEqual(serviceChanges([COMPOSE_A, 'services:\n  db:\n    restart: always\n'], [COMPOSE_A, 'services:\n  db:\n    restart: "no"\n']).changed, ['db']);
});

test('maskLine / unifiedDiff: secret values and URL passwords masked, ${VAR} references kept', () => {
  assert.equal(maskLine('      STATIC_API_TOKEN: hard-coded-token-xyz', []), '      STATIC_API_TOKEN: ***');
  assert.equal(maskLine('      - SECRET_KEY=abcdef123', []), '      - SECRET_KEY=***');
  assert.equal(maskLine('      SECRET_KEY: ${SECRET_KEY}', []), '      SECRET_KEY: ${SECRET_KEY}');
  assert.equal(maskLine('      DATABASE_URL: postgresql://app:${DB_PASSWORD}@db:5432/app', []), '      DATABASE_URL: postgresql://app:${DB_PASSWORD}@db:5432/app');
  assert.equal(maskLine('      URL: postgresql://app:literalpw@db:5432/app', []), '      URL: postgresql://app:***@db:5432/app');
  const demo = '      DATABASE_URL: postgresql://${POSTGRES_USER:-recyclic}:${POSTGRES_PASSWORD}@db:5432/${POSTGRES_DB:-recyclic}';
  assert.equal(maskLine(demo, []), demo, 'references with defaults are not a literal password');
  assert.equal(maskLine('      X: redis://${USER:-u}:pw-literal@cache:6379', []), '      X: redis://${USER:-u}:***@cache:6379');
  assert.equal(maskLine('      X: http://example.org/path', []), '      X: http://example.org/path');
  assert.equal(maskLine('      MOTD: welcome s3cr3t-value here', ['s3cr3t-value']), '      MOTD: welcome *** here');
  assert.equal(maskLine('      ENVIRONMENT: production', []), '      ENVIRONMENT: production');

  const before = COMPOSE_A;
  const after = COMPOSE_B.replace('    image: postgres:15\n', '    image: postgres:15\n    environment:\n      STATIC_API_TOKEN: hard-coded-token-xyz\n');
  const d = unifiedDiff('docker-compose.yml', before, after, { before: 'release #1', after: 'release #2' }, [])!;
  assert.match(d, /^--- a\/docker-compose\.yml\trelease #1$/m);
  assert.match(d, /^\+\+\+ b\/docker-compose\.yml\trelease #2$/m);
  assert.match(d, /^\+ {6}- "127\.0\.0\.1:9000:9000"$/m, d);
  assert.match(d, /^\+ {6}STATIC_API_TOKEN: \*\*\*$/m, d);
  assert.ok(!d.includes('hard-coded-token-xyz'), d);
  assert.equal(unifiedDiff('x', 'same', 'same', { before: 'a', after: 'b' }, []), null);
});

function tempProject(): { project: Project; store: Store; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprise-cfg-'));
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), COMPOSE_A);
  fs.writeFileSync(path.join(dir, 'reprise.yml'), 'project: cfgtest\n');
  fs.writeFileSync(path.join(dir, '.env'), 'API_TAG=x\nDB_PASSWORD=s3cr3t-one\n');
  const project = {
    dir,
    name: 'cfgtest',
    composeFiles: [path.join(dir, 'docker-compose.yml')],
    configFile: path.join(dir, 'reprise.yml'),
    envFiles: [path.join(dir, '.env')],
    envVars: new Map<string, string>([['DB_PASSWORD', 's3cr3t-one']]),
  } as unknown as Project;
  const store = Store.open(path.join(dir, '.reprise', 'state.db'));
  return { project, store, dir };
}

test('snapshots are deduplicated by content; the env file only as a 0600 file, never in the database', (t) => {
  const { project, store, dir } = tempProject();
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const ctx = { project, store, env: {} };
  const c1 = captureConfig(project);
  assert.deepEqual(c1.files.map((f) => [f.role, f.path]), [['compose', 'docker-compose.yml'], ['config', 'reprise.yml']]);
  assert.deepEqual(c1.env?.keys, ['API_TAG', 'DB_PASSWORD']);
  const s1 = storeConfig(ctx, c1);
  const s2 = storeConfig(ctx, captureConfig(project));
  assert.equal(s2.id, s1.id, 'identical configuration: the same snapshot');
  assert.equal(store.countConfigSnapshots('cfgtest'), 1);

  const envFile = envSnapshotFile(project, c1.env!.hash);
  assert.equal(fs.statSync(envFile).mode & 0o777, 0o600, 'env snapshot file mode 0600');
  assert.equal(fs.statSync(path.dirname(envFile)).mode & 0o777, 0o700, 'env snapshot directory mode 0700');
  assert.equal(fs.readFileSync(envFile, 'utf8'), 'API_TAG=x\nDB_PASSWORD=s3cr3t-one\n');

  // a changed env file (new key, changed secret) is a new snapshot; compose text identical is stored again
  // inside it but the first snapshot is untouched
  fs.writeFileSync(path.join(dir, '.env'), 'API_TAG=x\nDB_PASSWORD=s3cr3t-two\nNEW_FLAG=1\n');
  const s3 = storeConfig(ctx, captureConfig(project));
  assert.notEqual(s3.id, s1.id);
  assert.equal(store.countConfigSnapshots('cfgtest'), 2);
  assert.equal(fs.readdirSync(path.dirname(envFile)).length, 2, 'one env snapshot file per distinct content');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const dbText = fs.readFileSync(path.join(dir, '.reprise', 'state.db')).toString('latin1');
  assert.ok(dbText.includes('image: app-api'), 'compose content is in the database (sanity check of the probe)');
  assert.ok(!dbText.includes('s3cr3t-'), 'no env value in the database');
});

test('a compose file with a password written inline and a reprise.yml with a webhook URL: masked in the database, whole in a 0600 file', (t) => {
  const { project, store, dir } = tempProject();
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const INLINE = 'inline-s3cr3t-value';
  const HOOK = 'https://hooks.example.org/services/T0/B0/hook-s3cr3t-path';
  const compose = COMPOSE_A.replace('    environment:\n', `    environment:\n      SECRET_KEY: ${INLINE}\n`);
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), compose);
  fs.writeFileSync(path.join(dir, 'reprise.yml'), `project: cfgtest\nnotifications:\n  webhook: { url: "${HOOK}" }\n`);
  Object.assign(project, {
    config: { notifications: { webhook: { url: HOOK } } },
    compose: { services: new Map([['api', { environment: { SECRET_KEY: INLINE, DATABASE_URL: 'postgresql://app:${DB_PASSWORD}@db:5432/app' } }]]) },
  });
  // a row written before (verbatim, as earlier versions stored it) is cleaned when that configuration is recorded again
  const c = captureConfig(project);
  store.saveConfigSnapshot({ project: 'cfgtest', hash: c.hash, files: c.files, envPath: null, envHash: null, envKeys: [] });
  const snap = storeConfig({ project, store, env: {} }, c);
  const [composeFile, configFile] = snap.files;
  assert.match(composeFile.content, /SECRET_KEY: \*\*\*/);
  assert.ok(!composeFile.content.includes(INLINE) && !configFile.content.includes('hook-s3cr3t'), 'masked as stored');
  assert.match(composeFile.content, /\$\{DB_PASSWORD\}/, 'references stay readable');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const dbText = fs.readFileSync(path.join(dir, '.reprise', 'state.db')).toString('latin1');
  assert.ok(dbText.includes('image: app-api'), 'compose content is in the database (sanity check of the probe)');
  assert.ok(!dbText.includes(INLINE), 'no inline password in the database');
  assert.ok(!dbText.includes('hook-s3cr3t'), 'no webhook URL in the database');
  // the whole text, for rollback --with-config, in a private file
  assert.equal(wholeContent(project, composeFile), compose);
  assert.equal(fs.statSync(configFilesDir(project)).mode & 0o777, 0o700);
  for (const f of fs.readdirSync(configFilesDir(project))) assert.equal(fs.statSync(path.join(configFilesDir(project), f)).mode & 0o777, 0o600);
  // a file without a secret is stored as it is
  assert.equal(wholeContent(project, { role: 'compose', path: 'x.yml', content: 'services: {}\n' }), 'services: {}\n');
  // the private file gone: refused with the documented error, never the masked text written back
  fs.rmSync(path.join(configFilesDir(project), composeFile.secretFile!));
  assert.throws(() => wholeContent(project, composeFile), (e: unknown) => isRepriseError(e) && e.code === 'OPERATION_FAILED' && /docker-compose\.yml held a secret/.test(e.message));
});

test('release links, previous and latest successful snapshot; showRelease reports env keys, never values', (t) => {
  const { project, store, dir } = tempProject();
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const ctx = { project, store, env: {} };
  const r1 = store.startRelease(rel('cfgtest', 'a'));
  store.finishRelease(r1.id, { outcome: 'success', finishedAt: '2025-01-27T10:31:00Z', durationSeconds: 1, services: {} });
  store.linkReleaseConfig(r1.id, storeConfig(ctx, captureConfig(project)).id);
  const unlinked = store.startRelease(rel('cfgtest', 'x')); // a release made before configuration history
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), COMPOSE_B);
  fs.writeFileSync(path.join(dir, '.env'), 'API_TAG=x\nDB_PASSWORD=s3cr3t-two\nNEW_FLAG=1\n');
  const r2 = store.startRelease(rel('cfgtest', 'b'));
  store.linkReleaseConfig(r2.id, storeConfig(ctx, captureConfig(project)).id);

  assert.equal(store.previousReleaseConfig('cfgtest', r2.id)?.releaseId, r1.id, 'skips the release without a snapshot');
  assert.equal(store.latestSuccessfulConfig('cfgtest', 'a')?.releaseId, r1.id);
  assert.equal(store.latestSuccessfulConfig('cfgtest', 'b'), null, 'b has not succeeded');
  assert.equal(store.releaseConfig(unlinked.id), null);

  const show = showRelease(ctx, r2.id);
  assert.equal(show.previous?.id, r1.id);
  assert.equal(show.changed, true);
  const compose = show.files.find((f) => f.path === 'docker-compose.yml')!;
  assert.equal(compose.status, 'changed');
  assert.match(compose.diff ?? '', /^\+ {6}- "127\.0\.0\.1:9000:9000"$/m);
  assert.equal(show.files.find((f) => f.path === 'reprise.yml')?.status, 'unchanged');
  assert.deepEqual(show.env, { path: '.env', previousPath: '.env', status: 'changed', added: ['NEW_FLAG'], removed: [], changed: ['DB_PASSWORD'] });
  assert.deepEqual(show.services?.changed, ['api']);
  assert.ok(!JSON.stringify(show).includes('s3cr3t-'), 'no env value in the result');

  const first = showRelease(ctx, r1.id);
  assert.equal(first.previous, null);
  assert.ok(first.files.every((f) => f.status === 'added'));
  assert.equal(showRelease(ctx, unlinked.id).recorded, false);
  assert.throws(() => showRelease(ctx, 9999), (e: Error & { code?: string; exitCode?: number }) => e.code === 'USAGE' && e.exitCode === 2);
});
