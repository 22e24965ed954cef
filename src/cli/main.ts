// The command line's entry: build the program from the command modules, parse, turn the outcome into an
// exit code. The only process.exit is here.
import { CommanderError } from 'commander';
import { EXIT, RepriseError, type ExitCode } from '../domain/errors';
import { pickLang } from '../domain/messages';
import { commanderProblem } from './commander-errors';
import { COMMANDS } from './commands';
import { rollbackHelp } from './commands/rollback';
import { processIo, type CliIo } from './io';
import { buildProgram } from './program';
import { renderError } from './render';

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<ExitCode> {
  const json = argv.includes('--json');
  const verbose = argv.includes('-v') || argv.includes('--verbose');
  const langFlag = argv.find((_a, i) => argv[i - 1] === "--lang") ?? argv.find((a) => a.startsWith('--lang='))?.slice(7);
  const state = { code: EXIT.OK as ExitCode, lang: pickLang(langFlag, io.env), json, verbose };
  const helpExtra = new Map<string, string>();
  if (argv.includes('rollback') && (argv.includes('--help') || argv.includes('-h'))) {
    helpExtra.set('rollback', await rollbackHelp(argv, io, state.lang));
  }
  const program = buildProgram(io, state, helpExtra, COMMANDS, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      const problem = commanderProblem(e, state.lang);
      return renderError(io, state.lang, json, new RepriseError('USAGE', 'usageCommander', { problem }), verbose);
    }
    return renderError(io, state.lang, json, e, verbose);
  }
}

/** bin/reprise hands `--env-file` over as `--reprise-env-file` (Node.js 20 would act on it itself). */
export function restoreArgv(argv: string[]): string[] {
  return argv.map((a) => (a === '--reprise-env-file' ? '--env-file' : a.startsWith('--reprise-env-file=') ? `--env-file=${a.slice(19)}` : a));
}

export function run(rawArgv: string[]): void {
  const argv = restoreArgv(rawArgv);
  let settled = false;
  // If the event loop ever empties while a command is still pending, say so instead of exiting 0 silently.
  process.once('beforeExit', () => {
    if (settled) return;
    process.stderr.write('OPERATION_FAILED: internal error — the command stopped before finishing / erreur interne — la commande s\'est arrêtée avant la fin\n');
    process.exit(EXIT.FAILED);
  });
  runCli(argv).then(
    (code) => {
      settled = true;
      // flush stdout, then exit: a pending prompt or timer must not keep the process alive
      process.stdout.write('', () => process.exit(code));
    },
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = EXIT.FAILED;
    },
  );
}
