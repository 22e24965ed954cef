// `reprise dashboard`: declares the command; the checks and the serving are in ../dashboard.ts.
import type { Command } from 'commander';
import { pickLang } from '../../domain/messages';
import { loadProjectFor } from '../setup';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('dashboard')
    .description(help(lang, 'web dashboard, JSON API and Prometheus /metrics (default 127.0.0.1:8088); another --host needs REPRISE_DASHBOARD_TOKEN', 'tableau de bord web, API JSON et /metrics Prometheus (par défaut 127.0.0.1:8088) ; un autre --host exige REPRISE_DASHBOARD_TOKEN'))
    .option('--host <host>', help(lang, 'address to listen on', "adresse d'écoute"), '127.0.0.1')
    .option('--port <port>', help(lang, 'port to listen on (0: any free port)', "port d'écoute (0 : n'importe quel port libre)"), '8088')
    .action(
      act(async (_getCtx, g, opts: { host: string; port: string }) => {
        const { checkDashboardFlags, dashboardCommand } = await import('../dashboard');
        checkDashboardFlags(opts, io.env);
        const project = loadProjectFor(g, io);
        state.lang = pickLang(g.lang, io.env, project.config.lang);
        return dashboardCommand(g, io, state.lang, project, opts);
      }),
    );
}
