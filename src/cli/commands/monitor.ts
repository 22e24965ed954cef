// `reprise monitor`: watches the rollback criteria for a while; SIGINT ends the watch cleanly.
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import { hint } from '../../domain/messages';
import { parseDuration } from '../../domain/duration';
import { writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('monitor')
    .description(help(lang, 'watch the rollback criteria for a period; with --auto-rollback, roll back when one is met', "surveiller les critères de rollback pendant une durée ; avec --auto-rollback, revenir en arrière dès que l'un d'eux est atteint"))
    .option('--for <duration>', help(lang, 'how long to watch (e.g. 90s, 10m)', 'durée de la surveillance (par ex. 90s, 10m)'), '10m')
    .option('--auto-rollback', help(lang, 'roll back (trigger auto) when a rollback criterion is met', 'revenir en arrière (déclencheur auto) quand un critère de rollback est atteint'))
    .action(
      act(async (getCtx, g, opts: { for: string; autoRollback?: boolean }) => {
        const durationMs = parseDuration(opts.for);
        if (durationMs === null || durationMs <= 0) throw new RepriseError('USAGE', 'usageDuration', { flag: '--for', value: opts.for });
        const { watch } = await import('../../commands/monitor');
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
}
