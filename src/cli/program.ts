// The root command: reprise's global options, and commander reporting to stderr without exiting; each
// command module then declares its own command on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Help, Option, type Argument, type HelpConfiguration } from 'commander';
import type { Lang } from '../domain/messages';
import { flagHelp, help, makeAct, type CliState, type Register } from './commands/shared';
import type { CliIo } from './io';

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** commander's own words in a help text (section titles, what follows a description), in French */
const FR_TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Arguments:': 'Arguments :',
  'Options:': 'Options :',
  'Global Options:': 'Options globales :',
  'Commands:': 'Commandes :',
};
/** one character, not a space, standing for one while commander wraps a French text */
const GLUE = '\u0001';
const FR_EXTRA: Record<string, string> = { choices: 'choix', default: 'par défaut', preset: 'préréglage', env: 'env' };

/** `(default: "10m")` after a description, as `(par défaut : "10m")` */
function frenchExtra(full: string, description: string): string {
  const at = description ? description.length + 1 : 0;
  if (full.length <= at) return full;
  return full.slice(0, at) + full.slice(at).replace(/(^\(|, )(choices|default|preset|env): /g, (_m, lead: string, word: string) => `${lead}${FR_EXTRA[word]} : `);
}

/** The help's fixed words in the run's language (the descriptions are chosen where each is declared). */
function helpConfiguration(lang: Lang): HelpConfiguration {
  if (lang !== 'fr') return {};
  return {
    styleTitle: (title: string): string => FR_TITLES[title] ?? title,
    optionDescription(this: Help, option: Option): string {
      return frenchExtra(Help.prototype.optionDescription.call(this, option), option.description ?? '');
    },
    argumentDescription(this: Help, argument: Argument): string {
      return frenchExtra(Help.prototype.argumentDescription.call(this, argument), argument.description ?? '');
    },
    // the space French puts before ':' and ';' must not start a line: glued (same width) while wrapping
    boxWrap(this: Help, str: string, width: number): string {
      return Help.prototype.boxWrap.call(this, str.replace(/ (?=[:;](\s|$))/g, GLUE), width).replaceAll(GLUE, ' ');
    },
  };
}

/** `commands` in the order `--help` lists them. */
export function buildProgram(io: CliIo, state: CliState, helpExtra: Map<string, string>, commands: readonly Register[], argv: readonly string[] = []): Command {
  const { lang } = state;
  const program = new Command('reprise');
  program
    .description('Deploy and roll back multi-service Docker Compose stacks by version. / Déploie et restaure des piles Docker Compose par version.')
    .version(packageVersion(), '--version', help(lang, 'output the version number', 'afficher le numéro de version'))
    // set before the commands are declared: each command inherits them
    .helpOption('-h, --help', flagHelp(lang, 'help'))
    .helpCommand('help [command]', flagHelp(lang, 'help'))
    .configureHelp(helpConfiguration(lang))
    .option('-C, --project-dir <dir>', help(lang, 'project directory (default: current directory)', 'répertoire du projet (par défaut : le répertoire courant)'))
    .option('--config <file>', help(lang, 'configuration file (default: reprise.yml in the project directory)', 'fichier de configuration (par défaut : reprise.yml dans le répertoire du projet)'))
    .option('-f, --file <file>', help(lang, 'compose file (repeatable)', 'fichier compose (répétable)'), collect)
    .option('-p, --project-name <name>', help(lang, 'compose project name', 'nom du projet compose'))
    .option('--env-file <file>', help(lang, 'env file used by compose (repeatable: read in order, a later file overriding an earlier one)', "fichier env utilisé par compose (répétable : lus dans l'ordre, un fichier suivant l'emporte sur un précédent)"), collect)
    .option('-e, --env <name>', help(lang, 'environment from the configuration', 'environnement de la configuration'))
    .addOption(new Option('--engine <engine>', help(lang, 'what runs the stack: compose (default) or swarm (docker stack deploy)', 'ce qui fait tourner la pile : compose (par défaut) ou swarm (docker stack deploy)')).choices(['compose', 'swarm']))
    .option('--json', help(lang, 'print a single JSON document on stdout', 'afficher un seul document JSON sur stdout'))
    .option('-y, --yes', help(lang, 'do not ask for confirmation', 'ne pas demander de confirmation'))
    .addOption(new Option('--lang <lang>', help(lang, 'language of messages', 'langue des messages')).choices(['fr', 'en']))
    .option('--no-color', help(lang, 'no colours', 'sans couleurs'))
    .option('-v, --verbose', help(lang, 'more detail on errors', 'plus de détails sur les erreurs'))
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stderr.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => undefined,
    })
    .exitOverride();
  const cli = { io, state, act: makeAct(io, state), helpExtra, argv };
  for (const register of commands) register(program, cli);
  return program;
}
