// `reprise serve`: declares the command; the serving is in ../serve.ts.
import type { Command } from 'commander';
import { parseDuration } from '../../domain/duration';
import { RepriseError } from '../../domain/errors';
import { pickLang } from '../../domain/messages';
import { loadProjectFor } from '../setup';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('serve')
    .description(
      help(
        lang,
        'one long-running process: the dashboard, the watch of each new release (--watch, default 15m) and the incident clock (escalation, reminders); safe to restart',
        "un processus de longue durée : le tableau de bord, la surveillance de chaque nouvelle release (--watch, 15m par défaut) et l'horloge des incidents (escalade, rappels) ; redémarrable à tout moment",
      ),
    )
    .option('--host <host>', help(lang, 'address to listen on', "adresse d'écoute"), '127.0.0.1')
    .option('--port <port>', help(lang, 'port to listen on (0: any free port)', "port d'écoute (0 : n'importe quel port libre)"), '8088')
    .option('--watch <duration>', help(lang, 'how long each successful deploy is watched with automatic rollback (0: not watched)', 'durée de surveillance, avec rollback automatique, de chaque déploiement réussi (0 : aucune)'), '15m')
    .action(
      act(async (_getCtx, g, opts: { host: string; port: string; watch: string }) => {
        const { checkDashboardFlags } = await import('../dashboard');
        checkDashboardFlags(opts, io.env);
        const watchMs = parseDuration(opts.watch);
        if (watchMs === null) throw new RepriseError('USAGE', 'usageDuration', { flag: '--watch', value: opts.watch });
        const project = loadProjectFor(g, io);
        state.lang = pickLang(g.lang, io.env, project.config.lang);
        const { serveCommand } = await import('../serve');
        return serveCommand(g, io, state.lang, project, opts, watchMs);
      }),
    );
}
