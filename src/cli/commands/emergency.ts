// `reprise emergency [version]`: the fastest path back, no prompt; works without a readable history.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { writeJson } from '../render';
import type { Cli } from './shared';

export function register(program: Command, { io, act }: Cli): void {
  program
    .command('emergency [version]')
    .description('fastest path back to the last known-good version (seed §4.2): no prompt, emergency alert; works from .env.rollback when the history is unreadable')
    .option('--reason <text>', 'why (recorded with the release)')
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
