// `reprise init`: writes reprise.yml for the directory's compose project and prints what it decided.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { pickLang } from '../../domain/messages';
import * as human from '../human/init';
import { askYesNo } from '../io';
import { writeJson } from '../render';
import { composeContainersReader } from '../setup';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('init')
    .description(help(lang, 'write reprise.yml for the compose project of the directory: the one that runs (compose labels), else the compose files present; prints what it decided', "écrire reprise.yml pour le projet compose du répertoire : celui qui tourne (étiquettes de compose), sinon les fichiers compose présents ; affiche ce qu'il a décidé"))
    .option('--force', help(lang, 'overwrite an existing reprise.yml', 'écraser un reprise.yml existant'))
    .action(
      act(async (_ctx, g, opts: { force?: boolean }) => {
        const { init } = await import('../../commands/init');
        state.lang = pickLang(g.lang, io.env);
        // several choices are asked about only on a terminal, without --yes (else refused, naming them)
        const interactive = !g.yes && Boolean((io.stdin as { isTTY?: boolean }).isTTY);
        const r = await init({
          dir: g.projectDir ?? io.cwd,
          options: g,
          env: io.env,
          force: Boolean(opts.force),
          lang: state.lang,
          ask: interactive ? (q) => askYesNo(io, q) : null,
          running: composeContainersReader(io),
        });
        if (g.json) writeJson(io, r);
        else human.init(io, state.lang, r);
        return EXIT.OK;
      }),
    );
}
