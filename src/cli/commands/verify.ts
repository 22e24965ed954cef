// `reprise verify`: the post-release checks; exit 1 when one fails.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('verify')
    .description(help(lang, 'post-release checks (seed §3.3): services, health URLs, logs, error rate, availability, resources, latency; exit 1 if one fails', "contrôles après mise en production (seed §3.3) : services, URL de santé, logs, taux d'erreur, disponibilité, ressources, latence ; code de sortie 1 si l'un d'eux échoue"))
    .option('--since-start', help(lang, 'scan the logs since each container started instead of since the last successful release', 'parcourir les logs depuis le démarrage de chaque conteneur plutôt que depuis la dernière release réussie'))
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
