// `reprise prune`: removes the images of old complete versions, keeping what must be kept.
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import { writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('prune')
    .description(help(lang, 'remove the images of old complete versions; always keeps current, previous, the N newest, and what any environment runs or last ran well', "supprimer les images des anciennes versions complètes ; garde toujours l'actuelle, la précédente, les N plus récentes, et ce que chaque environnement fait tourner ou a fait tourner sainement en dernier"))
    .option('--keep <n>', help(lang, 'how many of the newest complete versions to keep (default: keep_versions, else 5)', 'nombre de versions complètes parmi les plus récentes à garder (par défaut : keep_versions, sinon 5)'))
    .option('--dry-run', help(lang, 'list what would be removed and remove nothing', 'lister ce qui serait supprimé sans rien supprimer'))
    .action(
      act(async (getCtx, g, opts: { keep?: string; dryRun?: boolean }) => {
        const { parseKeep } = await import('../../domain/prune');
        const keep = opts.keep === undefined ? undefined : parseKeep(opts.keep);
        if (keep === null) throw new RepriseError('USAGE', 'pruneKeepInvalid', { value: opts.keep });
        const { prune } = await import('../../commands/prune');
        const r = await prune(getCtx(), { keep, dryRun: opts.dryRun });
        if (g.json) writeJson(io, r);
        return r.ok ? EXIT.OK : EXIT.FAILED;
      }),
    );
}
