// What every command module shares: the global options, the run's state, and `act`, the wrapper that gives
// an action its context (built on first use), records its exit code and closes the store.
import type { Command } from 'commander';
import type { ExitCode } from '../../domain/errors';
import { pickLang, type Lang } from '../../domain/messages';
import type { GlobalOptions } from '../../config/project';
import { warn, type OpContext } from '../../release/context';
import { interruptedOperation, interruptedParams } from '../../release/guard';
import type { CliIo } from '../io';
import { buildContext, loadProjectFor } from '../setup';

export interface Globals extends GlobalOptions {
  json?: boolean;
  yes?: boolean;
  verbose?: boolean;
  color?: boolean;
}

/** What the run knows so far: the exit code, and the language an error is rendered in. */
export interface CliState {
  code: ExitCode;
  lang: Lang;
  json: boolean;
  verbose: boolean;
}

export type Action<A extends unknown[]> = (getCtx: () => OpContext, g: Globals, ...args: A) => Promise<ExitCode>;
export type Act = <A extends unknown[]>(fn: Action<A>, readOnly?: boolean, storeFallback?: boolean) => (...args: unknown[]) => Promise<void>;

export interface Cli {
  io: CliIo;
  state: CliState;
  act: Act;
  /** text shown after a command's help, computed before commander prints it (rollback lists the versions) */
  helpExtra: Map<string, string>;
  /** the words the command line was given (a flag a command shares with a global option is told apart by its place) */
  argv: readonly string[];
}

/** A `--help` text in the run's language (commander prints descriptions as they were declared). */
export const help = (lang: Lang, en: string, fr: string): string => (lang === 'fr' ? fr : en);

/** the help of a flag several commands take: one text, one translation */
const FLAG_HELP = {
  dryRun: ['print the plan and change nothing', 'afficher le plan sans rien modifier'],
  reason: ['why (recorded with the release)', 'pourquoi (enregistré avec la release)'],
  message: ['message recorded with the release', 'message enregistré avec la release'],
  timeout: ['health timeout per service (e.g. 120s)', 'délai du contrôle de santé par service (par ex. 120s)'],
  help: ['display help for command', "afficher l'aide de la commande"],
} as const satisfies Record<string, readonly [en: string, fr: string]>;

export function flagHelp(lang: Lang, flag: keyof typeof FLAG_HELP): string {
  const [en, fr] = FLAG_HELP[flag];
  return help(lang, en, fr);
}

/** A command module: declares its command (arguments, flags, help, action) on the program. */
export type Register = (program: Command, cli: Cli) => void;

export function makeAct(io: CliIo, state: CliState): Act {
  return <A extends unknown[]>(fn: Action<A>, readOnly = false, storeFallback = false) =>
    async (...args: unknown[]): Promise<void> => {
      const cmd = args[args.length - 1] as Command;
      const g = cmd.optsWithGlobals<Globals>();
      let ctx: OpContext | null = null;
      const getCtx = (): OpContext => {
        if (!ctx) {
          const project = loadProjectFor(g, io);
          state.lang = pickLang(g.lang, io.env, project.config.lang);
          ctx = buildContext(g, io, state.lang, project, readOnly, storeFallback);
          if (readOnly) warnIfInterrupted(ctx);
        }
        return ctx;
      };
      try {
        state.code = await fn(getCtx, g, ...(args.slice(0, -1) as A));
      } catch (e) {
        // an error raised before the project was read (e.g. an invalid version) still speaks the
        // project's language (SPEC §2: --lang, REPRISE_LANG, then lang: in reprise.yml)
        if (!ctx && !g.lang && !io.env.REPRISE_LANG) {
          try {
            state.lang = pickLang(undefined, io.env, loadProjectFor(g, io).config.lang);
          } catch {
            // no readable project: keep the language found so far
          }
        }
        throw e;
      } finally {
        (ctx as OpContext | null)?.store.close();
      }
    };
}

/** Read-only commands mention an interrupted operation (status shows it in full). */
function warnIfInterrupted(ctx: OpContext): void {
  const j = interruptedOperation(ctx);
  if (j) warn(ctx, 'interruptedFound', interruptedParams(j));
}
