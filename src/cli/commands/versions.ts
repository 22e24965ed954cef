// `reprise versions`: the project's complete and incomplete versions, with current and previous.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import * as human from '../human/versions';
import { writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('versions')
    .description(help(lang, 'complete and incomplete versions of this project, with current and previous', "versions complètes et incomplètes de ce projet, avec l'actuelle et la précédente"))
    .option('--all', help(lang, 'also list the tags of the same repositories that belong to other projects or environments (otherwise counted on one line)', "lister aussi les tags des mêmes dépôts qui appartiennent à d'autres projets ou environnements (sinon comptés sur une ligne)"))
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
