// Hostile input, table-driven: version strings, environment names, flags, malformed reprise.yml and compose
// files with odd names. Each case gets its documented error code and exit 2, and changes nothing: the
// project directory is byte-for-byte the same, no container or image appears, and a canary file that any
// shell would create never exists. Nothing here needs a running stack: input is refused before Docker.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { cleanupAll, docker, makeProject, portAllocator, reprise, rid, type Project } from './harness';

const ports = portAllocator(19);
after(() => cleanupAll());

const CANARY = join(tmpdir(), `reprise-canary-${rid(10)}`);
/** what a shell would run if any of these strings reached one */
const SHELL = [`$(touch ${CANARY})`, `\`touch ${CANARY}\``, `;touch ${CANARY}`, `|touch ${CANARY}`, `&&touch ${CANARY}`, `\ntouch ${CANARY}`];

interface Case {
  what: string;
  args: string[];
  code: string;
  /** what the message must say (when the code alone would not prove the right check refused it) */
  says?: RegExp;
  /** reprise.yml to write before the run (restored after) */
  config?: string;
}

const VERSIONS: Array<[string, string]> = [
  ['empty', ''],
  ['space', ' '],
  ['leading dash', '-rf'],
  ['parent directory', '../etc'],
  ['nested parent', '../../../../tmp/x'],
  ['slash', 'a/b'],
  ['newline', 'abc1234\nrm'],
  ['tab', 'a\tb'],
  ['129 characters', 'a'.repeat(129)],
  ['unicode letter', 'vé1'],
  ['zero-width space', 'v1\u200b'],
  ['right-to-left override', 'v1\u202e'],
  ['emoji', 'v🚀'],
  ['dot first', '.hidden'],
  ['space inside', 'a b'],
  ['single quote', "a'b"],
  ['double quote', 'a"b'],
  ['backslash', 'a\\b'],
  ['glob', 'a*'],
  ['question mark', 'a?'],
  ['tilde', '~root'],
  ['variable', '${HOME}'],
  ['colon (image reference)', 'a:b'],
  ['digest', 'a@sha256:00'],
  ['format string', '%s%n'],
  ['redirection', 'a>b'],
  ...SHELL.map((s, i): [string, string] => [`shell ${i + 1}`, `v1${s}`]),
];

function cases(): Case[] {
  const out: Case[] = [];
  for (const [what, v] of VERSIONS) {
    // commander reads "-rf" as an option: a usage error, still exit 2 and nothing run
    const code = v.startsWith('-') ? 'USAGE' : 'INVALID_VERSION';
    out.push({ what: `deploy: version ${what}`, args: ['deploy', v], code });
  }
  for (const [what, v] of VERSIONS.filter((_, i) => i % 3 === 0)) {
    const code = v.startsWith('-') ? 'USAGE' : 'INVALID_VERSION';
    out.push({ what: `rollback: version ${what}`, args: ['rollback', v, '--yes'], code });
    out.push({ what: `emergency: version ${what}`, args: ['emergency', v], code });
  }
  for (const s of [...SHELL, '../x', '', 'a b', 'x'.repeat(300)]) {
    out.push({ what: `environment name ${JSON.stringify(s).slice(0, 40)}`, args: ['deploy', 'abc1234', '-e', s], code: 'CONFIG_INVALID', says: /invalid environment name/ });
  }
  out.push({ what: 'promote: --from equals --to', args: ['promote', 'abc1234', '--from', 'x', '--to', 'x'], code: 'USAGE' });
  out.push({ what: 'promote: version with a shell', args: ['promote', `v1${SHELL[0]}`, '--from', 'a', '--to', 'b'], code: 'INVALID_VERSION' });
  out.push({ what: 'history --limit not a number', args: ['history', '--limit', `1${SHELL[0]}`], code: 'USAGE' });
  out.push({ what: 'history --show not an id', args: ['history', '--show', '../1'], code: 'USAGE' });
  out.push({ what: 'prune --keep negative', args: ['prune', '--keep', '-1'], code: 'USAGE' });
  out.push({ what: 'deploy --timeout garbage', args: ['deploy', 'abc1234', '--timeout', `5s${SHELL[2]}`], code: 'USAGE' });
  out.push({ what: 'monitor --for zero', args: ['monitor', '--for', '0s'], code: 'USAGE' });
  out.push({ what: '--lang unknown', args: ['status', '--lang', 'de'], code: 'USAGE' });
  out.push({ what: '--engine unknown', args: ['status', '--engine', 'k8s'], code: 'USAGE' });
  out.push({ what: 'dashboard --port with a shell', args: ['dashboard', '--port', `80${SHELL[0]}`], code: 'USAGE' });
  out.push({ what: 'dashboard --host with a shell', args: ['dashboard', '--host', `x${SHELL[2]}`], code: 'USAGE' });
  out.push({ what: 'unknown command', args: [`deploy${SHELL[2]}`], code: 'USAGE' });
  out.push({ what: 'compose file that does not exist, odd name', args: ['deploy', 'abc1234', '-f', `nope${SHELL[0]}.yml`], code: 'CONFIG_INVALID' });
  out.push({ what: 'env file that does not exist, odd name', args: ['deploy', 'abc1234', '--env-file', `.env${SHELL[2]}`], code: 'CONFIG_INVALID' });
  out.push({ what: 'config file outside, odd name', args: ['deploy', 'abc1234', '--config', `../x${SHELL[1]}.yml`], code: 'CONFIG_INVALID' });
  const bad = (what: string, config: string): void => void out.push({ what: `reprise.yml: ${what}`, args: ['deploy', 'abc1234'], code: 'CONFIG_INVALID', config });
  bad('not YAML', 'services: [unclosed\n');
  bad('a list instead of a mapping', '- a\n- b\n');
  bad('wrong type (health is a string)', 'health: fast\n');
  bad('wrong type (timeout is a list)', 'health: { timeout: [30s] }\n');
  bad('negative duration', 'health: { timeout: -5s }\n');
  bad('unknown key', 'helth: { timeout: 30s }\n');
  bad('unknown nested key', 'services: { api: { helth: {} } }\n');
  bad('service not in the compose file', `services: { "api${SHELL[0]}": {} }\n`);
  bad('hook that is not a list of strings', 'hooks: { pre_deploy: 5 }\n');
  bad('keep_versions not an integer', 'keep_versions: many\n');
  bad('lang unknown', 'lang: de\n');
  bad('engine unknown', 'engine: nomad\n');
  bad('duplicate keys', 'lang: fr\nlang: en\n');
  bad('YAML alias bomb', ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]', 'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]', ''].join('\n'));
  bad('environment with a shell in its project name', `environments: { prod: { project: "p${SHELL[2]}" } }\n`);
  bad('health URL that is not http', 'services: { api: { health: { url: "file:///etc/passwd" } } }\n');
  return out;
}

/** Every file of the project directory with its content hash: "changes nothing" is checked on this. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

describe('hostile input: documented error, exit 2, nothing run or changed', () => {
  let p: Project;
  let config: string;
  let images: string;
  const all = cases();

  before(() => {
    p = makeProject({ label: 'hostile', ports: ports(0) });
    config = readFileSync(join(p.dir, 'reprise.yml'), 'utf8');
    images = docker(['images', '-q', '--no-trunc', '--filter', 'label=org.reprise.demo=1']).stdout;
  });

  test(`the table holds at least 50 inputs (${all.length})`, () => {
    assert.ok(all.length >= 50, String(all.length));
  });

  for (const c of all) {
    test(c.what, () => {
      writeFileSync(join(p.dir, 'reprise.yml'), c.config ?? config);
      const before0 = tree(p.dir);
      const r = reprise(p, [...c.args, '--json'], { timeoutMs: 30_000 });
      assert.equal(r.code, 2, `exit code\n${r.stdout}\n${r.stderr}`);
      assert.equal(r.json?.ok, false, `one JSON error document:\n${r.stdout}\n${r.stderr}`);
      assert.equal(r.json.error.code, c.code, r.json.error.message);
      if (c.says) assert.match(r.json.error.message, c.says);
      assert.ok(!r.json.error.message.includes('\n'), 'one line');
      const human = reprise(p, c.args, { timeoutMs: 30_000 });
      assert.equal(human.code, 2);
      const lines = human.stderr.trimEnd().split('\n');
      assert.match(lines[0], new RegExp(`^${c.code}: `), human.stderr);
      assert.ok(lines.length <= 2 + (c.args.some((a) => a.includes('\n')) ? 1 : 0), `what went wrong, then what to do:\n${human.stderr}`);
      assert.deepEqual(tree(p.dir), before0, 'the project directory is unchanged');
      assert.equal(existsSync(CANARY), false, 'no shell ran');
    });
  }

  test('no container was created and no image appeared', () => {
    writeFileSync(join(p.dir, 'reprise.yml'), config);
    assert.equal(docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`]).stdout.trim(), '');
    // (as sets: the listing's order varies, and an earlier file's cleanup may still be removing images)
    const before0 = new Set(images.split('\n').filter(Boolean));
    const appeared = docker(['images', '-q', '--no-trunc', '--filter', 'label=org.reprise.demo=1']).stdout.split('\n').filter((id) => id && !before0.has(id));
    assert.deepEqual(appeared, [], 'no image appeared');
    assert.equal(existsSync(CANARY), false);
  });
});
