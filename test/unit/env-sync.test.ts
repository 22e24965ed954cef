// Compose and reprise agree (issue 17): after a release, only the tag-variable lines of the env files change
// (in the last file that defines each, else the first), atomically, every other byte, the mode and the owner
// kept; doctor's env_tags check shows a disagreement with the lines to set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planTagSync, rewriteTagLines, SYNC_COMMENT, withoutTagLines } from '../../src/adapters/env-file/tag-lines';
import { parseEnvFile } from '../../src/adapters/env-file';
import { replaceFileKeepingAttributes } from '../../src/adapters/fs/replace';
import { loadProject } from '../../src/config/project';
import { t, type Lang } from '../../src/domain/messages';
import { judgeEnvTags, type EnvTagFacts, type Msg } from '../../src/domain/doctor';
import { syncEnvFile } from '../../src/release/apply/env-sync';
import type { OpContext } from '../../src/release/context';
import { captureConfig } from '../../src/release/record/config-record';

const say = (m: Msg | null, lang: Lang = 'en'): string => (m ? t(lang, m[0], m[1]) : '(no message)');

const META = [
  '# build metadata — written by CI',
  'BUILD_DATE=2026-11-25',
  'export API_IMAGE_TAG=old1234   # the api',
  "FRONTEND_IMAGE_TAG='old1234'",
  '  BOT_IMAGE_TAG = "old1234" # bot',
  'API_MIGRATIONS_IMAGE_TAG=old1234',
  'SECRET_KEY=s3cr3t#not-a-comment',
  '',
  'TRAILER=x',
].join('\n'); // no final newline on purpose

test('rewriteTagLines changes only the values of the tag lines; every other byte is kept', () => {
  const r = rewriteTagLines(META, { API_IMAGE_TAG: 'new5678', FRONTEND_IMAGE_TAG: 'new5678', BOT_IMAGE_TAG: 'new5678', API_MIGRATIONS_IMAGE_TAG: 'new5678' });
  assert.deepEqual(r.changed.sort(), ['API_IMAGE_TAG', 'API_MIGRATIONS_IMAGE_TAG', 'BOT_IMAGE_TAG', 'FRONTEND_IMAGE_TAG']);
  assert.deepEqual(r.appended, []);
  assert.equal(r.text, META.replace(/old1234/g, 'new5678'), 'only the old values differ: quotes, export, spacing, comments, no final newline');
  const env = parseEnvFile(r.text);
  for (const k of ['API_IMAGE_TAG', 'FRONTEND_IMAGE_TAG', 'BOT_IMAGE_TAG', 'API_MIGRATIONS_IMAGE_TAG']) assert.equal(env.get(k), 'new5678', k);
  assert.equal(env.get('SECRET_KEY'), 's3cr3t#not-a-comment');
  // nothing differs: the very same text, nothing reported
  const same = rewriteTagLines(r.text, { API_IMAGE_TAG: 'new5678' });
  assert.equal(same.text, r.text);
  assert.deepEqual(same.changed, []);
});

test('rewriteTagLines keeps CRLF and mixed line endings; every assignment of a variable in the file is set', () => {
  const crlf = 'A=1\r\nAPI_IMAGE_TAG=a\r\nAPI_IMAGE_TAG=b\r\n# end\r\n';
  assert.equal(rewriteTagLines(crlf, { API_IMAGE_TAG: 'v2' }).text, 'A=1\r\nAPI_IMAGE_TAG=v2\r\nAPI_IMAGE_TAG=v2\r\n# end\r\n');
  const mixed = 'A=1\r\nAPI_IMAGE_TAG=a\nB=2';
  assert.equal(rewriteTagLines(mixed, { API_IMAGE_TAG: 'v2' }).text, 'A=1\r\nAPI_IMAGE_TAG=v2\nB=2');
  // a commented-out assignment is a comment: kept
  assert.equal(rewriteTagLines('# API_IMAGE_TAG=a\n', { API_IMAGE_TAG: 'v2' }).text, '# API_IMAGE_TAG=a\n');
});

test('rewriteTagLines appends the variables no line assigns, under one comment, after a final newline', () => {
  const r = rewriteTagLines('POSTGRES_PASSWORD=pw', { API_IMAGE_TAG: 'v2', BOT_IMAGE_TAG: 'v2' }, ['API_IMAGE_TAG', 'BOT_IMAGE_TAG']);
  assert.equal(r.text, `POSTGRES_PASSWORD=pw\n${SYNC_COMMENT}\nAPI_IMAGE_TAG=v2\nBOT_IMAGE_TAG=v2\n`);
  assert.deepEqual(r.appended, ['API_IMAGE_TAG', 'BOT_IMAGE_TAG']);
  assert.equal(rewriteTagLines('A=1\r\n', { T: 'v' }, ['T']).text, `A=1\r\n${SYNC_COMMENT}\r\nT=v\r\n`);
  assert.equal(rewriteTagLines('', { T: 'v' }, ['T']).text, `${SYNC_COMMENT}\nT=v\n`);
  // once appended, the next release rewrites the line in place
  const next = rewriteTagLines(r.text, { API_IMAGE_TAG: 'v3', BOT_IMAGE_TAG: 'v3' }, ['API_IMAGE_TAG', 'BOT_IMAGE_TAG']);
  assert.equal(next.text, r.text.replace(/v2/g, 'v3'));
  assert.deepEqual(next.appended, []);
});

test('planTagSync: each variable goes to the last file that defines it, else to the first file', () => {
  const plans = planTagSync(
    [
      { file: '/p/.env.production', text: 'API_IMAGE_TAG=stale\nPOSTGRES_PASSWORD=pw\n' },
      { file: '/p/.build-meta.env', text: 'API_IMAGE_TAG=a\nFRONTEND_IMAGE_TAG=a\n' },
    ],
    { API_IMAGE_TAG: 'b', FRONTEND_IMAGE_TAG: 'b', BOT_IMAGE_TAG: 'b' },
  );
  assert.deepEqual(plans, [
    { file: '/p/.build-meta.env', values: { API_IMAGE_TAG: 'b', FRONTEND_IMAGE_TAG: 'b' }, append: [] },
    { file: '/p/.env.production', values: { BOT_IMAGE_TAG: 'b' }, append: ['BOT_IMAGE_TAG'] },
  ]);
  assert.deepEqual(planTagSync([], { A: 'b' }), []);
});

test('withoutTagLines: the env file as configuration, without the tag lines reprise keeps in step', () => {
  const text = `A=1\n${SYNC_COMMENT}\nAPI_IMAGE_TAG=v2\r\nB=2`;
  assert.equal(withoutTagLines(text, new Set(['API_IMAGE_TAG'])), 'A=1\nB=2');
  assert.equal(withoutTagLines(text, new Set()), text);
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'reprise-sync-'));
}

test('replaceFileKeepingAttributes: atomic, mode, owner and a symbolic link kept; no temporary file left', () => {
  const d = tempDir();
  const real = join(d, 'real.env');
  writeFileSync(real, 'A=1\n');
  chmodSync(real, 0o640);
  const owned = process.getuid?.() === 0;
  if (owned) chownSync(real, 4242, 4343);
  symlinkSync('real.env', join(d, '.env'));
  replaceFileKeepingAttributes(join(d, '.env'), 'A=2\n');
  assert.equal(readFileSync(real, 'utf8'), 'A=2\n');
  assert.ok(lstatSync(join(d, '.env')).isSymbolicLink(), 'the link is still a link');
  assert.equal(readlinkSync(join(d, '.env')), 'real.env');
  const st = statSync(real);
  assert.equal(st.mode & 0o7777, 0o640, 'mode kept');
  if (owned) assert.deepEqual([st.uid, st.gid], [4242, 4343], 'owner and group kept');
  assert.deepEqual(readdirSync(d).sort(), ['.env', 'real.env']);
});

const COMPOSE = `services:
  api:
    image: recyclic-api:\${API_IMAGE_TAG:-latest}
  bot:
    image: recyclic-bot:\${BOT_IMAGE_TAG:-latest}
  db:
    image: postgres:15
`;

function ctxFor(dir: string, opts: Parameters<typeof loadProject>[0] = {}): { ctx: OpContext; lines: string[] } {
  const lines: string[] = [];
  const project = loadProject({ projectDir: dir, ...opts }, {});
  const out = { line: (s: string) => lines.push(s), warn: (s: string) => lines.push(`WARN ${s}`) };
  return { ctx: { project, lang: 'en', out, env: {} } as unknown as OpContext, lines };
}

test('syncEnvFile: the tag lines of the right files, nothing else; off with sync_env_file: false', () => {
  const d = tempDir();
  writeFileSync(join(d, 'docker-compose.prod.yml'), COMPOSE);
  const prod = '# production\nPOSTGRES_PASSWORD=pw-prod\n';
  const meta = '# CI\nAPI_IMAGE_TAG=aaa1111\nBOT_IMAGE_TAG=aaa1111\n';
  writeFileSync(join(d, '.env.production'), prod, { mode: 0o600 });
  writeFileSync(join(d, '.build-meta.env'), meta, { mode: 0o644 });
  chmodSync(join(d, '.build-meta.env'), 0o644);
  writeFileSync(join(d, 'reprise.yml'), 'compose_files: [docker-compose.prod.yml]\nenv_file: [.env.production, .build-meta.env]\n');
  const { ctx, lines } = ctxFor(d);
  const r = syncEnvFile(ctx, 'bbb2222');
  assert.deepEqual(r, { files: ['.build-meta.env'], variables: ['API_IMAGE_TAG', 'BOT_IMAGE_TAG'], created: false });
  assert.equal(readFileSync(join(d, '.build-meta.env'), 'utf8'), meta.replace(/aaa1111/g, 'bbb2222'));
  assert.equal(readFileSync(join(d, '.env.production'), 'utf8'), prod, 'the other env file is untouched');
  assert.equal(statSync(join(d, '.build-meta.env')).mode & 0o777, 0o644, 'mode kept');
  assert.match(lines.join('\n'), /\.build-meta\.env: API_IMAGE_TAG, BOT_IMAGE_TAG set to bbb2222/);
  assert.ok(!lines.join('\n').includes('pw-prod'));
  assert.equal(syncEnvFile(ctx, 'bbb2222'), null, 'already in step: nothing written');

  writeFileSync(join(d, 'reprise.yml'), 'compose_files: [docker-compose.prod.yml]\nenv_file: [.env.production, .build-meta.env]\nsync_env_file: false\n');
  assert.equal(syncEnvFile(ctxFor(d).ctx, 'ccc3333'), null);
  assert.ok(readFileSync(join(d, '.build-meta.env'), 'utf8').includes('bbb2222'), 'sync_env_file: false writes nothing');
});

test('syncEnvFile: a file another environment uses is not written (said why); no env file → .env created only without environments', () => {
  const d = tempDir();
  writeFileSync(join(d, 'docker-compose.yml'), COMPOSE);
  writeFileSync(join(d, '.env'), 'A=1\n');
  writeFileSync(join(d, '.env.staging'), 'A=2\n');
  writeFileSync(join(d, 'reprise.yml'), 'project: shop\nenvironments:\n  staging: { env_file: .env.staging }\n  production: {}\n  demo: {}\n');
  const prod = ctxFor(d, { env: 'production' });
  assert.deepEqual(prod.ctx.project.envFilesSharedWith.get(join(d, '.env')), ['demo']);
  assert.equal(syncEnvFile(prod.ctx, 'v2'), null);
  assert.equal(readFileSync(join(d, '.env'), 'utf8'), 'A=1\n');
  assert.match(prod.lines.join('\n'), /WARN Env file \.env not updated: environment\(s\) demo use it too/);
  const staging = ctxFor(d, { env: 'staging' });
  assert.equal(staging.ctx.project.envFilesSharedWith.size, 0);
  assert.deepEqual(syncEnvFile(staging.ctx, 'v2')?.files, ['.env.staging']);

  const bare = tempDir();
  writeFileSync(join(bare, 'docker-compose.yml'), COMPOSE);
  const none = ctxFor(bare);
  assert.deepEqual(syncEnvFile(none.ctx, 'v2'), { files: ['.env'], variables: ['API_IMAGE_TAG', 'BOT_IMAGE_TAG'], created: true });
  assert.equal(readFileSync(join(bare, '.env'), 'utf8'), `${SYNC_COMMENT}\nAPI_IMAGE_TAG=v2\nBOT_IMAGE_TAG=v2\n`);
  assert.equal(statSync(join(bare, '.env')).mode & 0o777, 0o600);

  const withEnvs = tempDir();
  writeFileSync(join(withEnvs, 'docker-compose.yml'), COMPOSE);
  writeFileSync(join(withEnvs, 'reprise.yml'), 'environments:\n  staging: {}\n');
  const s = ctxFor(withEnvs, { env: 'staging' });
  assert.equal(syncEnvFile(s.ctx, 'v2'), null);
  assert.match(s.lines.join('\n'), /WARN No env file holds the tag variables/);
});

test('the configuration snapshot leaves the tag lines out: a release that only moved the tags changes no configuration', () => {
  const d = tempDir();
  writeFileSync(join(d, 'docker-compose.yml'), COMPOSE);
  writeFileSync(join(d, '.env'), 'POSTGRES_PASSWORD=pw\n');
  const before = captureConfig(loadProject({ projectDir: d }, {}));
  syncEnvFile(ctxFor(d).ctx, 'v2');
  const after = captureConfig(loadProject({ projectDir: d }, {}));
  assert.equal(after.hash, before.hash);
  assert.deepEqual(after.env?.keys, ['POSTGRES_PASSWORD']);
});

test('judgeEnvTags: ok when compose reads what runs; warn with the lines to set otherwise', () => {
  const row = (service: string, variable: string, composeTag: string | null, runningTag: string | null, source = '.build-meta.env'): EnvTagFacts => ({ service, variable, composeTag, source, runningTag });
  assert.equal(judgeEnvTags([row('api', 'API_IMAGE_TAG', 'a', null)], true).status, 'ok');
  const ok = judgeEnvTags([row('api', 'API_IMAGE_TAG', 'a', 'a'), row('bot', 'BOT_IMAGE_TAG', 'a', 'a')], true);
  assert.equal(ok.status, 'ok');
  assert.match(say(ok.summary), /name what runs \(2 service/);
  const j = judgeEnvTags([row('api', 'API_IMAGE_TAG', 'old', 'new'), row('bot', 'BOT_IMAGE_TAG', 'latest', 'new', 'default'), row('fe', 'FE_TAG', 'x', 'new', 'environment')], true);
  assert.equal(j.status, 'warn');
  assert.deepEqual(j.details.differ, ['api', 'bot', 'fe']);
  assert.match(say(j.summary), /api: API_IMAGE_TAG=old \(\.build-meta\.env\) ≠ new/);
  assert.match(say(j.fix), /set API_IMAGE_TAG=new \(\.build-meta\.env\), BOT_IMAGE_TAG=new, FE_TAG=new .*unset in the shell: FE_TAG/);
  assert.match(say(j.fix, 'fr'), /mettez API_IMAGE_TAG=new/);
  assert.match(say(judgeEnvTags([row('api', 'API_IMAGE_TAG', 'old', 'new')], false).fix), /sync_env_file: false/);
});
