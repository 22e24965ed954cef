// `reprise versions`: the project's complete and incomplete versions, with current and previous.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import * as human from '../human/versions';
import { writeJson } from '../render';
import type { Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  program
    .command('versions')
    .description('complete and incomplete versions of this project, with current and previous')
    .option('--all', 'also list the tags of the same repositories that belong to other projects or environments (otherwise counted on one line)')
    .action(
      act(async (getCtx, g, opts: { all?: boolean }) => {
        const { versions } = await import('../../commands/queries');
        const r = await versions(getCtx());
        if (g.json) writeJson(io, r);
        else human.versions(io, state.lang, r, Boolean(opts.all));
        return EXIT.OK;
      }, true),
    );
}
