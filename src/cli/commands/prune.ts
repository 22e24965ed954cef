// `reprise prune`: removes the images of old complete versions, keeping what must be kept.
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import { writeJson } from '../render';
import type { Cli } from './shared';

export function register(program: Command, { io, act }: Cli): void {
  program
    .command('prune')
    .description('remove the images of old complete versions; always keeps current, previous, the N newest, and what any environment runs or last ran well')
    .option('--keep <n>', 'how many of the newest complete versions to keep (default: keep_versions, else 5)')
    .option('--dry-run', 'list what would be removed and remove nothing')
    .action(
      act(async (getCtx, g, opts: { keep?: string; dryRun?: boolean }) => {
        const { parseKeep } = await import('../../domain/prune');
        const keep = opts.keep === undefined ? undefined : parseKeep(opts.keep);
        if (keep === null) throw new RepriseError('USAGE', 'pruneKeepInvalid', { value: opts.keep });
        const { prune } = await import('../../commands/prune');
        const r = await prune(getCtx(), { keep, dryRun: opts.dryRun });
        if (g.json) writeJson(io, r);
        return r.ok ? EXIT.OK : EXIT.FAILED;
      }),
    );
}
