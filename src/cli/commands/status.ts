// `reprise status`: current version per service, health, drift, lock, interrupted operation.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import * as human from '../human/status';
import { writeJson } from '../render';
import type { Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  program
    .command('status')
    .description('current version per service, health, drift, lock, interrupted operation')
    .action(
      act(async (getCtx, g) => {
        const { status } = await import('../../commands/queries');
        const r = await status(getCtx());
        if (g.json) writeJson(io, r);
        else human.status(io, state.lang, r);
        return EXIT.OK;
      }, true),
    );
}
