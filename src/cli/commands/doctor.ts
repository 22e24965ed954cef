// `reprise doctor`: diagnostics, each finding with its fix; exit 1 when a check fails.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  program
    .command('doctor')
    .description(help(state.lang, 'diagnostics (seed §9.1): engine, compose, services, docker stats, disk, memory, versions, drift, config problems, each with its fix; exit 1 if a check fails', 'diagnostic (seed §9.1) : moteur, compose, services, docker stats, disque, mémoire, versions, dérive, problèmes de configuration, chacun avec sa correction ; code de sortie 1 si un contrôle échoue'))
    .action(
      act(async (_getCtx, g) => {
        // its own loading: an invalid configuration or a stopped engine is a finding, not an error
        const { doctor } = await import('../../commands/doctor');
        const { result, lang } = await doctor({ options: { ...g, projectDir: g.projectDir ?? io.cwd }, env: io.env, langFlag: g.lang });
        state.lang = lang;
        if (g.json) writeJson(io, result);
        else (await import('../human/doctor')).doctor(io, lang, result);
        return result.ok ? EXIT.OK : EXIT.FAILED;
      }, true),
    );
}
