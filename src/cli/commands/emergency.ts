// `reprise emergency [version]`: the fastest path back, no prompt; works without a readable history.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { writeJson } from '../render';
import { flagHelp, help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('emergency [version]')
    .description(help(lang, 'fastest path back to the last known-good version (seed §4.2): no prompt, emergency alert; works from .env.rollback when the history is unreadable', "retour le plus rapide à la dernière version saine connue (seed §4.2) : sans question, alerte d'urgence ; fonctionne depuis .env.rollback quand l'historique est illisible"))
    .option('--reason <text>', flagHelp(lang, 'reason'))
    .action(
      act(
        async (getCtx, g, version: string | undefined, opts: { reason?: string }) => {
          if (version !== undefined) (await import('../../domain/version')).assertValidVersion(version);
          const { emergency } = await import('../../commands/emergency');
          const r = await emergency(getCtx(), { version, reason: opts.reason ?? null });
          if (g.json) writeJson(io, r);
          return EXIT.OK;
        },
        false,
        true,
      ),
    );
}
