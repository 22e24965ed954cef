// Every `--help` text is in the run's language: each command, sub-command, argument and option has a
// description in English and in French, and an untranslated one (the same text in both) is caught here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type { Command } from 'commander';
import { COMMANDS } from '../../src/cli/commands';
import { runCli } from '../../src/cli/main';
import { buildProgram } from '../../src/cli/program';
import { EXIT, type ExitCode } from '../../src/domain/errors';
import type { Lang } from '../../src/domain/messages';
import { memoryIo } from './cli-io';

/** texts that are the same in both languages on purpose: the root's, which already says both */
const SAME_IN_BOTH = new Set(['reprise']);

function program(lang: Lang): Command {
  return buildProgram(memoryIo().io, { code: EXIT.OK as ExitCode, lang, json: false, verbose: false }, new Map(), COMMANDS);
}

interface Text {
  where: string;
  text: string;
}

/** Every description a help shows: the command's, its arguments', its options' (help and version
 * included), then its sub-commands' (the implicit `help` command included), depth first. */
function texts(cmd: Command, path: string): Text[] {
  const helper = cmd.createHelp();
  const out: Text[] = [{ where: path, text: cmd.description() }];
  // arguments are shown (with an Arguments section) only when one has a description: those must have both
  for (const a of helper.visibleArguments(cmd)) out.push({ where: `${path} [${a.name()}]`, text: a.description });
  const options = [...cmd.options, ...helper.visibleOptions(cmd).filter((o) => !cmd.options.includes(o))];
  for (const o of options) out.push({ where: `${path} ${o.flags}`, text: o.description ?? '' });
  for (const sub of helper.visibleCommands(cmd)) {
    // the help command is a bare command shared by every level: its description is all it shows
    if (sub.name() === 'help') out.push({ where: `${path} help`, text: sub.description() });
    else out.push(...texts(sub, `${path} ${sub.name()}`));
  }
  return out;
}

const en = texts(program('en'), 'reprise');
const fr = texts(program('fr'), 'reprise');

test('both languages declare the same commands, arguments and options, in the same order', () => {
  assert.deepEqual(
    fr.map((x) => x.where),
    en.map((x) => x.where),
  );
  const commands = program('en').commands.map((c) => c.name());
  assert.equal(commands.length, COMMANDS.length);
  for (const name of [...commands, 'lock status', 'lock acquire', 'lock release', 'notify test']) {
    assert.ok(en.some((x) => x.where === `reprise ${name}`), `reprise ${name} is listed`);
  }
  // every level counts: the root, its options, every command and sub-command, their flags and arguments
  assert.ok(en.length > 80, `${en.length} texts`);
});

test('every help text is non-empty and translated (French differs from English)', () => {
  const untranslated: string[] = [];
  for (let i = 0; i < en.length; i++) {
    const { where } = en[i];
    assert.ok(en[i].text.trim().length > 0, `${where}: English description empty`);
    assert.ok(fr[i].text.trim().length > 0, `${where}: French description empty`);
    if (en[i].text === fr[i].text && !SAME_IN_BOTH.has(where)) untranslated.push(`${where}: "${en[i].text}"`);
  }
  assert.deepEqual(untranslated, [], `not translated:\n${untranslated.join('\n')}`);
  for (const where of SAME_IN_BOTH) {
    const root = en.find((x) => x.where === where);
    assert.ok(root && root.text.includes(' / '), `${where} says both languages: ${root?.text}`);
  }
});

test('the English texts are unchanged', () => {
  const get = (list: Text[], where: string): string | undefined => list.find((x) => x.where === where)?.text;
  assert.equal(get(en, 'reprise deploy --dry-run'), 'print the plan and change nothing');
  assert.equal(get(en, 'reprise --json'), 'print a single JSON document on stdout');
  assert.equal(get(en, 'reprise rollback'), 'roll back to VERSION, or to the previous good version from the release history');
  assert.equal(get(en, 'reprise -h, --help'), 'display help for command');
  assert.equal(get(en, 'reprise help'), 'display help for command');
  assert.equal(get(en, 'reprise --version'), 'output the version number');
  assert.equal(get(fr, 'reprise deploy --dry-run'), 'afficher le plan sans rien modifier');
});

async function helpText(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const f = memoryIo(env);
  const code = await runCli(args, f.io);
  assert.equal(code, EXIT.OK, f.stderr());
  assert.equal(f.stdout(), '');
  assert.deepEqual(readdirSync(f.dir), [], 'help writes nothing in the directory');
  const raw = f.stderr();
  // the space French puts before ':' and ';' never starts a line
  assert.doesNotMatch(raw, /^\s*[:;](\s|$)/m);
  // commander wraps descriptions at 80 columns: join the continuation lines
  return raw.replace(/\n {3,}/g, ' ');
}

test('--help speaks the run language: REPRISE_LANG, and --lang before it', async () => {
  const english = await helpText(['monitor', '--help'], { REPRISE_LANG: 'en' });
  assert.match(english, /^Usage: reprise monitor \[options\]$/m);
  assert.match(english, /^Options:$/m);
  assert.match(english, /--for <duration> +how long to watch \(e\.g\. 90s, 10m\) \(default: "10m"\)$/m);
  assert.match(english, /-h, --help +display help for command$/m);

  const french = await helpText(['monitor', '--help'], { REPRISE_LANG: 'fr' });
  assert.match(french, /^Utilisation : reprise monitor \[options\]$/m);
  assert.match(french, /^Options :$/m);
  assert.match(french, /--for <duration> +durée de la surveillance \(par ex\. 90s, 10m\) \(par défaut : "10m"\)$/m);
  assert.match(french, /-h, --help +afficher l'aide de la commande$/m);
  assert.doesNotMatch(french, /how long to watch/);

  const flag = await helpText(['--lang', 'fr', '--help'], { REPRISE_LANG: 'en' });
  assert.match(flag, /^Commandes :$/m);
  assert.match(flag, /--lang <lang> +langue des messages \(choix : "fr", "en"\)$/m);
  assert.match(flag, /deploy \[options\] \[version\] +mettre en production VERSION/);

  // wrapped where a line would have started with ' : services'
  assert.match(await helpText(['verify', '--help'], { REPRISE_LANG: 'fr' }), /contrôles après mise en production \(seed §3\.3\) : services, URL de santé/);

  const snapshots = await helpText(['snapshots', '--help', '--lang=fr'], {});
  assert.match(snapshots, /^Arguments :$/m);
  assert.match(snapshots, /action +list \(par défaut\) ou restore \(par défaut : "list"\)$/m);
});
