// `reprise promote <version> --from A --to B`: deploys to B a version verified healthy on A.
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import { pickLang } from '../../domain/messages';
import { writeJson } from '../render';
import { buildContext, loadProjectFor } from '../setup';
import { overrideHealthTimeout, timeoutFlag } from './health-timeout';
import type { Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  program
    .command('promote <version>')
    .description('deploy to one environment a version released and verified healthy on another (seed §7.2)')
    .requiredOption('--from <env>', 'environment the version was verified on (e.g. staging)')
    .requiredOption('--to <env>', 'environment to deploy it to (e.g. production)')
    .option('--force', 'promote even if the version was not verified on --from')
    .option('--timeout <duration>', 'health timeout per service (e.g. 120s)')
    .option('-m, --message <text>', 'message recorded with the release')
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
