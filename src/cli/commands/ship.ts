// `reprise ship VERSION`: copies a version's images to the engine reprise points at (no registry needed).
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('ship <version>')
    .description(help(lang, "copy VERSION's images to the engine reprise points at (DOCKER_HOST, context), from another engine, without a registry", 'copier les images de VERSION vers le moteur que vise reprise (DOCKER_HOST, contexte), depuis un autre moteur, sans registre'))
    .option('--from <endpoint>', help(lang, 'the engine that has the images: unix://, ssh:// or tcp:// (default: unix:///var/run/docker.sock)', 'le moteur qui a les images : unix://, ssh:// ou tcp:// (par défaut : unix:///var/run/docker.sock)'))
    .option('--force', help(lang, "replace the version's tags the target already gives other images", "remplacer les étiquettes de la version que la cible donne déjà à d'autres images"))
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
