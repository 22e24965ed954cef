// `reprise rollback [version]`, and its help, which lists the versions one can roll back to.
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import { t, type Lang } from '../../domain/messages';
import { versionsText } from '../human/versions';
import type { CliIo } from '../io';
import { writeJson } from '../render';
import { buildContext, loadProjectFor } from '../setup';
import { flagHelp, help, type Cli, type Globals } from './shared';

export function register(program: Command, { io, state, act, helpExtra }: Cli): void {
  const { lang } = state;
  program
    .command('rollback [version]')
    .description(help(lang, 'roll back to VERSION, or to the previous good version from the release history', "revenir à VERSION, ou à la version précédente valide d'après l'historique des releases"))
    .option('--dry-run', flagHelp(lang, 'dryRun'))
    .option('--reason <text>', flagHelp(lang, 'reason'))
    .option('--with-config', help(lang, "also restore the target release's compose file(s) (configuration history)", 'restaurer aussi le ou les fichiers compose de la release cible (historique de configuration)'))
    .option('--no-snapshot', help(lang, 'roll back without the data snapshot reprise.yml `data:` asks for (recorded)', "revenir en arrière sans l'instantané de données que demande `data:` dans reprise.yml (c'est enregistré)"))
    .option('--restore-data', help(lang, 'also restore the data snapshot taken before the release being undone (a safety snapshot first; what was written since is lost)', "restaurer aussi l'instantané de données pris avant la release annulée (après un instantané de sécurité ; ce qui a été écrit depuis est perdu)"))
    .addHelpText('after', () => helpExtra.get('rollback') ?? '')
    .action(
      act(async (getCtx, g, version: string | undefined, opts: { dryRun?: boolean; reason?: string; withConfig?: boolean; snapshot?: boolean; restoreData?: boolean }) => {
        const { rollback } = await import('../../commands/rollback');
        if (version !== undefined) (await import('../../domain/version')).assertValidVersion(version);
        const r = await rollback(getCtx(), { version, yes: g.yes, dryRun: opts.dryRun, reason: opts.reason ?? null, withConfig: opts.withConfig, noSnapshot: opts.snapshot === false, restoreData: opts.restoreData });
        if (g.json) writeJson(io, r);
        return EXIT.OK;
      }),
    );
}

/** `rollback --help` lists the available versions: computed before commander prints the help. */
export async function rollbackHelp(argv: string[], io: CliIo, lang: Lang): Promise<string> {
  try {
    const g: Globals = {};
    // parse only the global options that locate the project
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      const next = argv[i + 1];
      if ((a === '-C' || a === '--project-dir') && next) g.projectDir = next;
      if (a === '--config' && next) g.config = next;
      if ((a === '-f' || a === '--file') && next) g.file = [...(g.file ?? []), next];
      if ((a === '-p' || a === '--project-name') && next) g.projectName = next;
      if (a === '--env-file' && next) g.envFile = [...(g.envFile ?? []), next];
      if ((a === '-e' || a === '--env') && next) g.env = next;
    }
    const project = loadProjectFor(g, io);
    const ctx = buildContext(g, io, lang, project, true);
    try {
      const { versions } = await import('../../commands/queries');
      const r = await versions(ctx);
      return `\n${versionsText(lang, r)}\n`;
    } finally {
      ctx.store.close();
    }
  } catch (e) {
    const reason = e instanceof RepriseError ? e.code : (e as Error).message;
    return `\n${t(lang, 'versionsUnavailable', { reason })}\n`;
  }
}
