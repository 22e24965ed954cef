// `reprise status`: current version per service, health, drift, lock, interrupted operation.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import * as human from '../human/status';
import { writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('status')
    .description(help(lang, 'current version per service, health, drift, lock, interrupted operation', 'version actuelle par service, santé, dérive, verrou, opération interrompue'))
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
