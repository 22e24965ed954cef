// `reprise deploy [version]`: health-gated, rolled back automatically; with --watch, watched afterwards.
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import { parseDuration } from '../../domain/duration';
import { writeJson } from '../render';
import { overrideHealthTimeout, timeoutFlag } from './health-timeout';
import { flagHelp, help, type Cli } from './shared';

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

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('deploy [version]')
    .description(help(lang, 'put VERSION (default: git SHA, 7 characters) on every versioned service, health-gated, with automatic rollback', 'mettre en production VERSION (par défaut : le SHA git, 7 caractères) sur chaque service versionné, validée par le contrôle de santé, avec retour arrière automatique'))
    .option('--build', help(lang, 'build the images with compose first', "construire d'abord les images avec compose"))
    .option('--pull', help(lang, 'pull the images first (by tag; a version that ran here before: by its recorded digest)', "télécharger d'abord les images (par étiquette ; une version qui a déjà tourné ici : par son empreinte enregistrée)"))
    .option('--no-rollback', help(lang, 'do not roll back automatically on failure', "ne pas revenir en arrière automatiquement en cas d'échec"))
    .option('--no-snapshot', help(lang, 'release without the data snapshot reprise.yml `data:` asks for (recorded)', "mettre en production sans l'instantané de données que demande `data:` dans reprise.yml (c'est enregistré)"))
    .option('--timeout <duration>', flagHelp(lang, 'timeout'))
    .option('-m, --message <text>', flagHelp(lang, 'message'))
    .option('--dry-run', flagHelp(lang, 'dryRun'))
    .option('--watch <duration>', help(lang, 'after the deploy, watch the rollback criteria for this long and roll back when one is met', "après le déploiement, surveiller les critères de rollback pendant cette durée et revenir en arrière dès que l'un d'eux est atteint"))
    .action(
      act(async (getCtx, g, version: string | undefined, opts: DeployFlags) => {
        const { deploy, deployWatchEnded } = await import('../../commands/deploy');
        const timeoutMs = timeoutFlag(opts.timeout);
        if (version !== undefined) (await import('../../domain/version')).assertValidVersion(version);
        const ctx = getCtx();
        overrideHealthTimeout(ctx.project, timeoutMs);
        const watchMs = opts.watch !== undefined ? parseDuration(opts.watch) : null;
        if (opts.watch !== undefined && (watchMs === null || watchMs <= 0)) {
          throw new RepriseError('USAGE', 'usageDuration', { flag: '--watch', value: opts.watch });
        }
        const autoRollback = opts.rollback !== false;
        const r = await deploy(ctx, { version, build: opts.build, pull: opts.pull, noRollback: !autoRollback, message: opts.message ?? null, dryRun: opts.dryRun, noSnapshot: opts.snapshot === false, watching: watchMs !== null });
        if (watchMs === null || opts.dryRun) {
          if (g.json) writeJson(io, r);
          return EXIT.OK;
        }
        // the release is in place: watch it, and roll back (trigger auto) when a criterion is met
        const { watch } = await import('../../commands/monitor');
        const w = await watch(ctx, { durationMs: watchMs, autoRollback });
        if (r.releaseId !== null) deployWatchEnded(ctx, r.releaseId, autoRollback);
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
