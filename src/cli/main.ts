// The command line: parse flags → call an operation → render. The only process.exit is here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { EXIT, RepriseError, type ExitCode } from '../domain/errors';
import { hint, pickLang, t, type Lang } from '../domain/messages';
import { parseDuration } from '../domain/duration';
import type { GlobalOptions } from '../config/project';
import { warn, type OpContext } from '../release/context';
import { interruptedOperation, interruptedParams } from '../release/guard';
import { askYesNo, processIo, type CliIo } from './io';
import { renderError, writeJson } from './render';
import { buildContext, composeContainersReader, loadProjectFor } from './setup';
import * as human from './human';

interface Globals extends GlobalOptions {
  json?: boolean;
  yes?: boolean;
  verbose?: boolean;
  color?: boolean;
}

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

export function buildProgram(io: CliIo, state: { code: ExitCode; lang: Lang; json: boolean; verbose: boolean }, helpExtra: Map<string, string>): Command {
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

  const act = <A extends unknown[]>(fn: (ctx: () => OpContext, g: Globals, ...args: A) => Promise<ExitCode>, readOnly = false, storeFallback = false) =>
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

  program
    .command('init')
    .description('write reprise.yml for the compose project of the directory: the one that runs (compose labels), else the compose files present; prints what it decided')
    .option('--force', 'overwrite an existing reprise.yml')
    .action(
      act(async (_ctx, g, opts: { force?: boolean }) => {
        const { init } = await import('../commands/init');
        state.lang = pickLang(g.lang, io.env);
        // several choices are asked about only on a terminal, without --yes (else refused, naming them)
        const interactive = !g.yes && Boolean((io.stdin as { isTTY?: boolean }).isTTY);
        const r = await init({
          dir: g.projectDir ?? io.cwd,
          options: g,
          env: io.env,
          force: Boolean(opts.force),
          lang: state.lang,
          ask: interactive ? (q) => askYesNo(io, q) : null,
          running: composeContainersReader(io),
        });
        if (g.json) writeJson(io, r);
        else human.init(io, state.lang, r);
        return EXIT.OK;
      }),
    );

  program
    .command('deploy [version]')
    .description('put VERSION (default: git SHA, 7 characters) on every versioned service, health-gated, with automatic rollback')
    .option('--build', 'build the images with compose first')
    .option('--pull', 'pull the images with compose first')
    .option('--no-rollback', 'do not roll back automatically on failure')
    .option('--timeout <duration>', 'health timeout per service (e.g. 120s)')
    .option('-m, --message <text>', 'message recorded with the release')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--watch <duration>', 'after the deploy, watch the rollback criteria for this long and roll back when one is met')
    .action(
      act(async (getCtx, g, version: string | undefined, opts: { build?: boolean; pull?: boolean; rollback?: boolean; timeout?: string; message?: string; dryRun?: boolean; watch?: string }) => {
        const { deploy } = await import('../commands/deploy');
        const timeoutMs = opts.timeout !== undefined ? parseDuration(opts.timeout) : null;
        if (opts.timeout !== undefined && timeoutMs === null) {
          throw new RepriseError('USAGE', 'usageDuration', { flag: '--timeout', value: opts.timeout });
        }
        if (version !== undefined) (await import('../domain/version')).assertValidVersion(version);
        const ctx = getCtx();
        if (timeoutMs !== null) {
          // the flag overrides the file, per-service timeouts included (SPEC §7)
          ctx.project.health.timeoutMs = timeoutMs;
          for (const s of ctx.project.versioned) s.healthTimeoutMs = timeoutMs;
        }
        const watchMs = opts.watch !== undefined ? parseDuration(opts.watch) : null;
        if (opts.watch !== undefined && (watchMs === null || watchMs <= 0)) {
          throw new RepriseError('USAGE', 'usageDuration', { flag: '--watch', value: opts.watch });
        }
        const r = await deploy(ctx, { version, build: opts.build, pull: opts.pull, noRollback: opts.rollback === false, message: opts.message ?? null, dryRun: opts.dryRun });
        if (watchMs === null || opts.dryRun) {
          if (g.json) writeJson(io, r);
          return EXIT.OK;
        }
        // the release is in place: watch it, and roll back (trigger auto) when a criterion is met
        const { watch } = await import('../commands/monitor');
        const w = await watch(ctx, { durationMs: watchMs, autoRollback: opts.rollback !== false });
        if (w.ok) {
          if (g.json) writeJson(io, { ...r, watch: w });
          return EXIT.OK;
        }
        const details = { deploy: r, watch: w };
        if (w.rolledBack) {
          throw new RepriseError('HEALTH_CHECK_FAILED', 'watchRolledBack', { version: r.version, criterion: w.criterion?.text ?? '-', previous: w.rolledBack.version }, details, EXIT.ROLLED_BACK);
        }
        throw new RepriseError('HEALTH_CHECK_FAILED', 'watchFailed', { version: r.version, criterion: w.criterion?.text ?? w.error?.message ?? '-' }, details, EXIT.FAILED);
      }),
    );

  program
    .command('rollback [version]')
    .description('roll back to VERSION, or to the previous good version from the release history')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--reason <text>', 'why (recorded with the release)')
    .option('--with-config', "also restore the target release's compose file(s) (configuration history)")
    .addHelpText('after', () => helpExtra.get('rollback') ?? '')
    .action(
      act(async (getCtx, g, version: string | undefined, opts: { dryRun?: boolean; reason?: string; withConfig?: boolean }) => {
        const { rollback } = await import('../commands/rollback');
        if (version !== undefined) (await import('../domain/version')).assertValidVersion(version);
        const r = await rollback(getCtx(), { version, yes: g.yes, dryRun: opts.dryRun, reason: opts.reason ?? null, withConfig: opts.withConfig });
        if (g.json) writeJson(io, r);
        return EXIT.OK;
      }),
    );

  program
    .command('verify')
    .description('post-release checks (seed §3.3): services, health URLs, logs, error rate, availability, resources, latency; exit 1 if one fails')
    .option('--since-start', 'scan the logs since each container started instead of since the last successful release')
    .action(
      act(async (getCtx, g, opts: { sinceStart?: boolean }) => {
        const { verify } = await import('../commands/verify');
        const r = await verify(getCtx(), { sinceRelease: !opts.sinceStart });
        if (g.json) writeJson(io, r);
        else (await import('./human-verify')).verify(io, state.lang, r);
        return r.ok ? EXIT.OK : EXIT.FAILED;
      }, true),
    );

  program
    .command('versions')
    .description('complete and incomplete versions of this project, with current and previous')
    .option('--all', 'also list the tags of the same repositories that belong to other projects or environments (otherwise counted on one line)')
    .action(
      act(async (getCtx, g, opts: { all?: boolean }) => {
        const { versions } = await import('../commands/queries');
        const r = await versions(getCtx());
        if (g.json) writeJson(io, r);
        else human.versions(io, state.lang, r, Boolean(opts.all));
        return EXIT.OK;
      }, true),
    );

  program
    .command('history')
    .description('releases and events, newest first')
    .option('--limit <n>', 'how many entries', '20')
    .option('--show <release>', "what changed in a release's configuration since the previous release (compose files, reprise.yml, env keys)")
    .action(
      act(async (getCtx, g, opts: { limit: string; show?: string }) => {
        if (opts.show !== undefined) {
          if (!/^#?[1-9]\d{0,15}$/.test(opts.show)) throw new RepriseError('USAGE', 'usageReleaseId', { value: opts.show });
          const { showRelease, renderShow } = await import('../release/record/config-history');
          const r = showRelease(getCtx(), Number(opts.show.replace('#', '')));
          if (g.json) writeJson(io, r);
          else io.stderr.write(`${renderShow(state.lang, r)}\n`);
          return EXIT.OK;
        }
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new RepriseError('USAGE', 'usagePositiveInteger', { flag: '--limit', value: opts.limit });
        const { history } = await import('../commands/queries');
        const r = history(getCtx(), limit);
        if (g.json) writeJson(io, r);
        else human.history(io, state.lang, r);
        return EXIT.OK;
      }, true),
    );

  program
    .command('status')
    .description('current version per service, health, drift, lock, interrupted operation')
    .action(
      act(async (getCtx, g) => {
        const { status } = await import('../commands/queries');
        const r = await status(getCtx());
        if (g.json) writeJson(io, r);
        else human.status(io, state.lang, r);
        return EXIT.OK;
      }, true),
    );

  program
    .command('monitor')
    .description('watch the rollback criteria for a period; with --auto-rollback, roll back when one is met')
    .option('--for <duration>', 'how long to watch (e.g. 90s, 10m)', '10m')
    .option('--auto-rollback', 'roll back (trigger auto) when a rollback criterion is met')
    .action(
      act(async (getCtx, g, opts: { for: string; autoRollback?: boolean }) => {
        const durationMs = parseDuration(opts.for);
        if (durationMs === null || durationMs <= 0) throw new RepriseError('USAGE', 'usageDuration', { flag: '--for', value: opts.for });
        const { watch } = await import('../commands/monitor');
        const ctx = getCtx();
        // SIGINT ends the watch cleanly; a second one (e.g. during a rollback) stops the process as usual
        const stop = new AbortController();
        const onSigint = (): void => stop.abort();
        process.once('SIGINT', onSigint);
        try {
          const r = await watch(ctx, { durationMs, autoRollback: Boolean(opts.autoRollback), signal: stop.signal });
          if (g.json) writeJson(io, r);
          else if (r.error && !r.rolledBack) {
            const h = hint(state.lang, r.criterion && !opts.autoRollback ? 'monitorCriterionMet' : 'monitorRollbackFailed');
            io.stderr.write(`${r.error.code}: ${r.error.message}\n${h ? `  → ${h}\n` : ''}`);
          }
          if (r.rolledBack) return EXIT.ROLLED_BACK;
          return r.ok ? EXIT.OK : EXIT.FAILED;
        } finally {
          process.removeListener('SIGINT', onSigint);
        }
      }),
    );

  // --- emergency, promote (issue 5) ---
  program
    .command('emergency [version]')
    .description('fastest path back to the last known-good version (seed §4.2): no prompt, emergency alert; works from .env.rollback when the history is unreadable')
    .option('--reason <text>', 'why (recorded with the release)')
    .action(
      act(
        async (getCtx, g, version: string | undefined, opts: { reason?: string }) => {
          if (version !== undefined) (await import('../domain/version')).assertValidVersion(version);
          const { emergency } = await import('../commands/emergency');
          const r = await emergency(getCtx(), { version, reason: opts.reason ?? null });
          if (g.json) writeJson(io, r);
          return EXIT.OK;
        },
        false,
        true,
      ),
    );

  program
    .command('promote <version>')
    .description('deploy to one environment a version released and verified healthy on another (seed §7.2)')
    .requiredOption('--from <env>', 'environment the version was verified on (e.g. staging)')
    .requiredOption('--to <env>', 'environment to deploy it to (e.g. production)')
    .option('--force', 'promote even if the version was not verified on --from')
    .option('--timeout <duration>', 'health timeout per service (e.g. 120s)')
    .option('-m, --message <text>', 'message recorded with the release')
    .action(
      act(async (_getCtx, g, version: string, opts: { from: string; to: string; force?: boolean; timeout?: string; message?: string }) => {
        (await import('../domain/version')).assertValidVersion(version);
        if (opts.from === opts.to) throw new RepriseError('USAGE', 'usageSameEnvironment', { env: opts.from });
        if (g.env && g.env !== opts.to) throw new RepriseError('USAGE', 'usageEnvContradicts', { env: g.env, to: opts.to });
        const timeoutMs = opts.timeout !== undefined ? parseDuration(opts.timeout) : null;
        if (opts.timeout !== undefined && timeoutMs === null) {
          throw new RepriseError('USAGE', 'usageDuration', { flag: '--timeout', value: opts.timeout });
        }
        const project = loadProjectFor({ ...g, env: opts.to }, io);
        state.lang = pickLang(g.lang, io.env, project.config.lang);
        const ctx = buildContext({ ...g, env: opts.to }, io, state.lang, project);
        try {
          if (timeoutMs !== null) {
            ctx.project.health.timeoutMs = timeoutMs;
            for (const s of ctx.project.versioned) s.healthTimeoutMs = timeoutMs;
          }
          const { promote } = await import('../commands/promote');
          const r = await promote(ctx, { version, from: opts.from, force: Boolean(opts.force), message: opts.message ?? null });
          if (g.json) writeJson(io, r);
          return EXIT.OK;
        } finally {
          ctx.store.close();
        }
      }),
    );

  // --- prune (issue 5) ---
  program
    .command('prune')
    .description('remove the images of old complete versions; always keeps current, previous, the N newest, and what any environment runs or last ran well')
    .option('--keep <n>', 'how many of the newest complete versions to keep (default: keep_versions, else 5)')
    .option('--dry-run', 'list what would be removed and remove nothing')
    .action(
      act(async (getCtx, g, opts: { keep?: string; dryRun?: boolean }) => {
        const { parseKeep } = await import('../domain/prune');
        const keep = opts.keep === undefined ? undefined : parseKeep(opts.keep);
        if (keep === null) throw new RepriseError('USAGE', 'pruneKeepInvalid', { value: opts.keep });
        const { prune } = await import('../commands/prune');
        const r = await prune(getCtx(), { keep, dryRun: opts.dryRun });
        if (g.json) writeJson(io, r);
        return r.ok ? EXIT.OK : EXIT.FAILED;
      }),
    );
  // --- doctor (issue 5) ---
  program
    .command('doctor')
    .description('diagnostics (seed §9.1): engine, compose, services, docker stats, disk, memory, versions, drift, config problems, each with its fix; exit 1 if a check fails')
    .action(
      act(async (_getCtx, g) => {
        // its own loading: an invalid configuration or a stopped engine is a finding, not an error
        const { doctor } = await import('../commands/doctor');
        const { result, lang } = await doctor({ options: { ...g, projectDir: g.projectDir ?? io.cwd }, env: io.env, langFlag: g.lang });
        state.lang = lang;
        if (g.json) writeJson(io, result);
        else (await import('./human-doctor')).doctor(io, lang, result);
        return result.ok ? EXIT.OK : EXIT.FAILED;
      }, true),
    );

  const notify = program.command('notify').description('notifications: test');
  notify
    .command('test')
    .description('send a test notification through every configured channel and print each result')
    .action(
      act(async (getCtx, g) => {
        const { notifyTest } = await import('../release/record/notify');
        const r = await notifyTest(getCtx());
        if (g.json) writeJson(io, { ok: r.ok, deliveries: r.deliveries });
        else if (!r.configured) io.stderr.write(`${t(state.lang, 'notifyNoChannel')}\n`);
        else {
          for (const d of r.deliveries) {
            const p = { channel: d.channel, recipient: d.recipient, ms: d.ms, attempts: d.attempts, error: d.error ?? '-' };
            io.stderr.write(`${t(state.lang, d.ok ? 'notifyResultOk' : 'notifyResultFailed', p)}\n`);
          }
          io.stderr.write(`${t(state.lang, 'notifyTestDone', { ok: r.deliveries.filter((d) => d.ok).length, total: r.deliveries.length })}\n`);
        }
        return r.ok ? EXIT.OK : EXIT.FAILED;
      }, true),
    );

  program
    .command('dashboard')
    .description('web dashboard, JSON API and Prometheus /metrics (default 127.0.0.1:8088); another --host needs REPRISE_DASHBOARD_TOKEN')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8088')
    .action(
      act(async (_getCtx, g, opts: { host: string; port: string }) => {
        const { checkDashboardFlags, dashboardCommand } = await import('./dashboard');
        checkDashboardFlags(opts, io.env);
        const project = loadProjectFor(g, io);
        state.lang = pickLang(g.lang, io.env, project.config.lang);
        return dashboardCommand(g, io, state.lang, project, opts);
      }),
    );

  const lock = program.command('lock').description('the operation lock: status | acquire [-m MSG] | release');
  lock
    .command('status')
    .action(
      act(async (getCtx, g) => {
        const { lockStatus } = await import('../commands/lock');
        const r = lockStatus(getCtx());
        if (g.json) writeJson(io, r);
        else human.lock(io, state.lang, r);
        return EXIT.OK;
      }, true),
    );
  lock
    .command('acquire')
    .option('-m, --message <text>', 'why the lock is held')
    .action(
      act(async (getCtx, g, opts: { message?: string }) => {
        const { lockAcquire } = await import('../commands/lock');
        const r = lockAcquire(getCtx(), opts.message ?? null);
        if (g.json) writeJson(io, r);
        else io.stderr.write(`${t(state.lang, 'lockAcquired', { message: opts.message ? ` — "${opts.message}"` : '' })}\n`);
        return EXIT.OK;
      }),
    );
  lock
    .command('release')
    .action(
      act(async (getCtx, g) => {
        const { lockRelease } = await import('../commands/lock');
        const r = lockRelease(getCtx());
        if (g.json) writeJson(io, r);
        else io.stderr.write(`${t(state.lang, r.released ? 'lockReleased' : 'lockFree')}\n`);
        return EXIT.OK;
      }),
    );
  return program;
}

/** Read-only commands mention an interrupted operation (status shows it in full). */
function warnIfInterrupted(ctx: OpContext): void {
  const j = interruptedOperation(ctx);
  if (j) warn(ctx, 'interruptedFound', interruptedParams(j));
}

/** `rollback --help` lists the available versions: computed before commander prints the help. */
async function rollbackHelp(argv: string[], io: CliIo, lang: Lang): Promise<string> {
  try {
    const program = buildProgram(io, { code: EXIT.OK, lang, json: false, verbose: false }, new Map());
    program.allowUnknownOption(true);
    const g: Globals = {};
    // parse only the global options that locate the project
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      const next = argv[i + 1];
      if ((a === '-C' || a === '--project-dir') && next) g.projectDir = next;
      if (a === '--config' && next) g.config = next;
      if ((a === '-f' || a === '--file') && next) g.file = [...(g.file ?? []), next];
      if ((a === '-p' || a === '--project-name') && next) g.projectName = next;
      if (a === '--env-file' && next) g.envFile = [...(g.envFile ?? []), next];
      if ((a === '-e' || a === '--env') && next) g.env = next;
    }
    const project = loadProjectFor(g, io);
    const ctx = buildContext(g, io, lang, project, true);
    try {
      const { versions } = await import('../commands/queries');
      const r = await versions(ctx);
      return `\n${human.versionsText(lang, r)}\n`;
    } finally {
      ctx.store.close();
    }
  } catch (e) {
    const reason = e instanceof RepriseError ? e.code : (e as Error).message;
    return `\n${t(lang, 'versionsUnavailable', { reason })}\n`;
  }
}

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<ExitCode> {
  const json = argv.includes('--json');
  const verbose = argv.includes('-v') || argv.includes('--verbose');
  const langFlag = argv.find((_a, i) => argv[i - 1] === "--lang") ?? argv.find((a) => a.startsWith('--lang='))?.slice(7);
  const state = { code: EXIT.OK as ExitCode, lang: pickLang(langFlag, io.env), json, verbose };
  const helpExtra = new Map<string, string>();
  if (argv.includes('rollback') && (argv.includes('--help') || argv.includes('-h'))) {
    helpExtra.set('rollback', await rollbackHelp(argv, io, state.lang));
  }
  const program = buildProgram(io, state, helpExtra);
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

/** commander's own parse errors, in the user's language (its text is English only). */
export function commanderProblem(e: CommanderError, lang: Lang): string {
  const en = e.message.replace(/^error: /, '');
  if (lang !== 'fr') return en;
  const quoted = /'([^']*)'/.exec(en)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption':
      return `option inconnue « ${quoted} »`;
    case 'commander.unknownCommand':
      return `commande inconnue « ${quoted} »`;
    case 'commander.missingArgument':
      return `argument manquant « ${quoted} »`;
    case 'commander.optionMissingArgument':
      return `l'option « ${quoted} » attend une valeur`;
    case 'commander.missingMandatoryOptionValue':
      return `option obligatoire « ${quoted} » absente`;
    case 'commander.excessArguments':
      return `trop d'arguments (${en.replace(/^too many arguments\.?\s*/i, '')})`;
    case 'commander.invalidArgument':
      return `valeur invalide : ${en}`;
    default:
      return en;
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
