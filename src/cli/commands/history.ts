// `reprise history`: releases and events, newest first; --show: what changed in one release's configuration.
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import * as human from '../human/history';
import { writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('history')
    .description(help(lang, 'releases and events, newest first', "releases et événements, les plus récents d'abord"))
    .option('--limit <n>', help(lang, 'how many entries', "nombre d'entrées"), '20')
    .option('--show <release>', help(lang, "what changed in a release's configuration since the previous release (compose files, reprise.yml, env keys)", "ce qui a changé dans la configuration d'une release depuis la release précédente (fichiers compose, reprise.yml, clés env)"))
    .action(
      act(async (getCtx, g, opts: { limit: string; show?: string }) => {
        if (opts.show !== undefined) {
          if (!/^#?[1-9]\d{0,15}$/.test(opts.show)) throw new RepriseError('USAGE', 'usageReleaseId', { value: opts.show });
          const { showRelease, renderShow } = await import('../../commands/config-show');
          const r = showRelease(getCtx(), Number(opts.show.replace('#', '')));
          if (g.json) writeJson(io, r);
          else io.stderr.write(`${renderShow(state.lang, r)}\n`);
          return EXIT.OK;
        }
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new RepriseError('USAGE', 'usagePositiveInteger', { flag: '--limit', value: opts.limit });
        const { history } = await import('../../commands/queries');
        const r = history(getCtx(), limit);
        if (g.json) writeJson(io, r);
        else human.history(io, state.lang, r);
        return EXIT.OK;
      }, true),
    );
}
