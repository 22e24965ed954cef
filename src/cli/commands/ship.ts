// `reprise ship VERSION`: copies a version's images to the engine reprise points at (no registry needed).
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { writeJson } from '../render';
import type { Cli } from './shared';

export function register(program: Command, { io, act }: Cli): void {
  program
    .command('ship <version>')
    .description("copy VERSION's images to the engine reprise points at (DOCKER_HOST, context), from another engine, without a registry")
    .option('--from <endpoint>', 'the engine that has the images: unix://, ssh:// or tcp:// (default: unix:///var/run/docker.sock)')
    .option('--force', "replace the version's tags the target already gives other images")
    .action(
      act(async (getCtx, g, version: string, opts: { from?: string; force?: boolean }) => {
        (await import('../../domain/version')).assertValidVersion(version);
        const { ship } = await import('../../commands/ship');
        const r = await ship(getCtx(), { version, from: opts.from, force: opts.force });
        if (g.json) writeJson(io, r);
        return EXIT.OK;
      }),
    );
}
