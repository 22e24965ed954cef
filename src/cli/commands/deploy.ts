// `reprise deploy [version]`: health-gated, rolled back automatically; with --watch, watched afterwards.
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import { parseDuration } from '../../domain/duration';
import { writeJson } from '../render';
import { overrideHealthTimeout, timeoutFlag } from './health-timeout';
import type { Cli } from './shared';

interface DeployFlags {
  build?: boolean;
  pull?: boolean;
  rollback?: boolean;
  snapshot?: boolean;
  timeout?: string;
  message?: string;
  dryRun?: boolean;
  watch?: string;
}

export function register(program: Command, { io, act }: Cli): void {
  program
    .command('deploy [version]')
    .description('put VERSION (default: git SHA, 7 characters) on every versioned service, health-gated, with automatic rollback')
    .option('--build', 'build the images with compose first')
    .option('--pull', 'pull the images first (by tag; a version that ran here before: by its recorded digest)')
    .option('--no-rollback', 'do not roll back automatically on failure')
    .option('--no-snapshot', 'release without the data snapshot reprise.yml `data:` asks for (recorded)')
    .option('--timeout <duration>', 'health timeout per service (e.g. 120s)')
    .option('-m, --message <text>', 'message recorded with the release')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--watch <duration>', 'after the deploy, watch the rollback criteria for this long and roll back when one is met')
    .action(
      act(async (getCtx, g, version: string | undefined, opts: DeployFlags) => {
        const { deploy } = await import('../../commands/deploy');
        const timeoutMs = timeoutFlag(opts.timeout);
        if (version !== undefined) (await import('../../domain/version')).assertValidVersion(version);
        const ctx = getCtx();
        overrideHealthTimeout(ctx.project, timeoutMs);
        const watchMs = opts.watch !== undefined ? parseDuration(opts.watch) : null;
        if (opts.watch !== undefined && (watchMs === null || watchMs <= 0)) {
          throw new RepriseError('USAGE', 'usageDuration', { flag: '--watch', value: opts.watch });
        }
        const r = await deploy(ctx, { version, build: opts.build, pull: opts.pull, noRollback: opts.rollback === false, message: opts.message ?? null, dryRun: opts.dryRun, noSnapshot: opts.snapshot === false });
        if (watchMs === null || opts.dryRun) {
          if (g.json) writeJson(io, r);
          return EXIT.OK;
        }
        // the release is in place: watch it, and roll back (trigger auto) when a criterion is met
        const { watch } = await import('../../commands/monitor');
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
}
