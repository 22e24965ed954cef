// `reprise verify`: the post-release checks; exit 1 when one fails.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { writeJson } from '../render';
import type { Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  program
    .command('verify')
    .description('post-release checks (seed §3.3): services, health URLs, logs, error rate, availability, resources, latency; exit 1 if one fails')
    .option('--since-start', 'scan the logs since each container started instead of since the last successful release')
    .action(
      act(async (getCtx, g, opts: { sinceStart?: boolean }) => {
        const { verify } = await import('../../commands/verify');
        const r = await verify(getCtx(), { sinceRelease: !opts.sinceStart });
        if (g.json) writeJson(io, r);
        else (await import('../human/verify')).verify(io, state.lang, r);
        return r.ok ? EXIT.OK : EXIT.FAILED;
      }, true),
    );
}
