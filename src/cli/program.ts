// The root command: reprise's global options, and commander reporting to stderr without exiting; each
// command module then declares its own command on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { makeAct, type CliState, type Register } from './commands/shared';
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

/** `commands` in the order `--help` lists them. */
export function buildProgram(io: CliIo, state: CliState, helpExtra: Map<string, string>, commands: readonly Register[]): Command {
  const program = new Command('reprise');
  program
    .description('Deploy and roll back multi-service Docker Compose stacks by version. / Déploie et restaure des piles Docker Compose par version.')
    .version(packageVersion(), '--version')
    .option('-C, --project-dir <dir>', 'project directory (default: current directory)')
    .option('--config <file>', 'configuration file (default: reprise.yml in the project directory)')
    .option('-f, --file <file>', 'compose file (repeatable)', collect)
    .option('-p, --project-name <name>', 'compose project name')
    .option('--env-file <file>', 'env file used by compose (repeatable: read in order, a later file overriding an earlier one)', collect)
    .option('-e, --env <name>', 'environment from the configuration')
    .addOption(new Option('--engine <engine>', 'what runs the stack: compose (default) or swarm (docker stack deploy)').choices(['compose', 'swarm']))
    .option('--json', 'print a single JSON document on stdout')
    .option('-y, --yes', 'do not ask for confirmation')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['fr', 'en']))
    .option('--no-color', 'no colours')
    .option('-v, --verbose', 'more detail on errors')
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stderr.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => undefined,
    })
    .exitOverride();
  const cli = { io, state, act: makeAct(io, state), helpExtra };
  for (const register of commands) register(program, cli);
  return program;
}
