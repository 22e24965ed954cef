// Hooks (reprise.yml `hooks:`): commands run around releases with REPRISE_* variables in their environment.
// A command is split into arguments (shell-quote) and spawned without a shell: pipes, redirections and `&&`
// are refused — put them in a script. A failing pre_* hook aborts before anything changes.
import { isAbsolute, join } from 'node:path';
import { parse } from 'shell-quote';
import { RepriseError } from '../../domain/errors';
import { parseDuration } from '../../domain/duration';
import { redact } from '../../domain/redact';
import type { ReleaseTrigger } from '../../domain/types';
import { lastLines, run } from '../../adapters/process/run';
import { projectSecrets, say, warn, type OpContext } from '../context';
import { HookOutputLog } from './hook-log';

export type HookName = 'pre_deploy' | 'post_deploy' | 'pre_rollback' | 'post_rollback' | 'on_failure';

export interface HookEnv {
  version: string;
  fromVersion: string | null;
  command: 'deploy' | 'rollback';
  trigger: ReleaseTrigger;
}

export interface HookRun {
  hook: HookName;
  command: string;
  exitCode: number | null;
  durationMs: number;
  output: string;
  ok: boolean;
  /** logs/hooks/… with the whole output (secrets masked) when it was longer than `output` keeps */
  log: string | null;
}

/** default for `hooks.timeout` */
export const HOOK_TIMEOUT_MS = 300_000;
/** what a hook's event keeps of its output (the last bytes, secrets masked); the rest goes to its log */
const OUTPUT_KEEP = 8192;

/** argv of a hook command, or a reason it cannot run without a shell. */
export function hookArgv(command: string): string[] | string {
  // variables are not expanded (no shell): $NAME stays as written, the hook reads REPRISE_* itself
  const tokens = parse(command, (key) => `$${key}`);
  if (tokens.length === 0) return 'empty command';
  const argv: string[] = [];
  for (const t of tokens) {
    if (typeof t !== 'string') return 'shell operators (pipes, redirections, &&, globs, comments) are not supported: put them in a script';
    argv.push(t);
  }
  return argv;
}

export async function runHooks(ctx: OpContext, hook: HookName, env: HookEnv, releaseId: number | null = null): Promise<HookRun[]> {
  const commands = ctx.project.config.hooks?.[hook] ?? [];
  const runs: HookRun[] = [];
  const secrets = projectSecrets(ctx);
  const configured = ctx.project.config.hooks?.timeout;
  const timeoutMs = (configured !== undefined ? parseDuration(configured) : null) ?? HOOK_TIMEOUT_MS;
  for (const [index, command] of commands.entries()) {
    say(ctx, 'hookRunning', { hook, command });
    const argv = hookArgv(command);
    let r: HookRun;
    if (typeof argv === 'string') {
      r = { hook, command, exitCode: null, durationMs: 0, output: argv, ok: false, log: null };
    } else {
      const program = argv[0].includes('/') && !isAbsolute(argv[0]) ? join(ctx.project.dir, argv[0]) : argv[0];
      const log = new HookOutputLog(ctx.project.dir, ctx.now(), hook, index + 1, secrets);
      try {
        const res = await run(program, argv.slice(1), {
          cwd: ctx.project.dir,
          timeoutMs,
          killGroup: true,
          // memory keeps the tail of each stream; the whole output is streamed to the hook's log
          maxOutputBytes: OUTPUT_KEEP,
          onOutput: (chunk, stream) => log.write(chunk, stream),
          env: {
            ...ctx.env,
            REPRISE_VERSION: env.version,
            REPRISE_FROM_VERSION: env.fromVersion ?? '',
            REPRISE_COMMAND: env.command,
            REPRISE_TRIGGER: env.trigger,
            REPRISE_PROJECT: ctx.project.name,
            REPRISE_PROJECT_DIR: ctx.project.dir,
            REPRISE_HOOK: hook,
          },
        });
        const output = redact(`${res.stdout}${res.stderr}`, secrets).slice(-OUTPUT_KEEP);
        const file = log.finish(OUTPUT_KEEP);
        const why = res.timedOut ? `timed out after ${timeoutMs / 1000} s` : null;
        r = { hook, command, exitCode: res.exitCode, durationMs: res.durationMs, output: why ? `${output}\n${why}` : output, ok: res.exitCode === 0 && !res.timedOut, log: file };
      } catch (e) {
        log.finish(Infinity);
        r = { hook, command, exitCode: null, durationMs: 0, output: (e as Error).message, ok: false, log: null };
      }
    }
    runs.push(r);
    ctx.store.addEvent(ctx.project.name, r.ok ? 'hook' : 'hook_failed', `${hook}: ${command} → ${r.ok ? 'ok' : `failed (${r.exitCode ?? '-'})`}`, { ...r }, releaseId);
    if (!r.ok) {
      warn(ctx, 'hookFailed', { hook, command, exitCode: r.exitCode ?? '-', output: lastLines(r.output, 1) });
      if (hook.startsWith('pre_')) {
        throw new RepriseError('OPERATION_FAILED', 'preHookFailed', { hook, command, exitCode: r.exitCode ?? '-', output: lastLines(r.output, 1) }, { hook, command, exitCode: r.exitCode, output: r.output });
      }
    }
  }
  return runs;
}
