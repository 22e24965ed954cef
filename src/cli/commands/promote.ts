// `reprise promote <version> --from A --to B`: deploys to B a version verified healthy on A.
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import { pickLang } from '../../domain/messages';
import { writeJson } from '../render';
import { buildContext, loadProjectFor } from '../setup';
import { overrideHealthTimeout, timeoutFlag } from './health-timeout';
import { flagHelp, help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('promote <version>')
    .description(help(lang, 'deploy to one environment a version released and verified healthy on another (seed §7.2)', 'déployer sur un environnement une version mise en production et vérifiée saine sur un autre (seed §7.2)'))
    .requiredOption('--from <env>', help(lang, 'environment the version was verified on (e.g. staging)', 'environnement où la version a été vérifiée (par ex. staging)'))
    .requiredOption('--to <env>', help(lang, 'environment to deploy it to (e.g. production)', 'environnement où la déployer (par ex. production)'))
    .option('--force', help(lang, 'promote even if the version was not verified on --from', "promouvoir même si la version n'a pas été vérifiée sur --from"))
    .option('--timeout <duration>', flagHelp(lang, 'timeout'))
    .option('-m, --message <text>', flagHelp(lang, 'message'))
    .action(
      act(async (_getCtx, g, version: string, opts: { from: string; to: string; force?: boolean; timeout?: string; message?: string }) => {
        (await import('../../domain/version')).assertValidVersion(version);
        if (opts.from === opts.to) throw new RepriseError('USAGE', 'usageSameEnvironment', { env: opts.from });
        if (g.env && g.env !== opts.to) throw new RepriseError('USAGE', 'usageEnvContradicts', { env: g.env, to: opts.to });
        const timeoutMs = timeoutFlag(opts.timeout);
        // the context is the target environment's (--to), built here rather than by act
        const project = loadProjectFor({ ...g, env: opts.to }, io);
        state.lang = pickLang(g.lang, io.env, project.config.lang);
        const ctx = buildContext({ ...g, env: opts.to }, io, state.lang, project);
        try {
          overrideHealthTimeout(ctx.project, timeoutMs);
          const { promote } = await import('../../commands/promote');
          const r = await promote(ctx, { version, from: opts.from, force: Boolean(opts.force), message: opts.message ?? null });
          if (g.json) writeJson(io, r);
          return EXIT.OK;
        } finally {
          ctx.store.close();
        }
      }),
    );
}
