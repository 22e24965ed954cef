// `reprise snapshots [list]`: the data snapshots taken before releases (reprise.yml `data:`).
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import { t } from '../../domain/messages';
import { formatBytes } from '../../domain/prune';
import { table, writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  program
    .command('snapshots')
    .argument('[action]', help(lang, 'list (the default), or restore', 'list (par défaut) ou restore'), 'list')
    .argument('[id]', help(lang, 'with restore: the snapshot to restore (see the list)', "avec restore : l'instantané à restaurer (voir la liste)"))
    .description(help(lang, 'the data snapshots taken before releases (reprise.yml `data:`), newest first; `restore ID` puts one back (a safety snapshot first)', "les instantanés de données pris avant les mises en production (`data:` dans reprise.yml), les plus récents d'abord ; `restore ID` en restaure un (après un instantané de sécurité)"))
    .action(
      act(async (getCtx, g, action: string, id: string | undefined) => {
        if (action === 'restore') {
          if (!id || !/^[1-9]\d{0,15}$/.test(id)) throw new RepriseError('USAGE', 'usage', { problem: `snapshots restore: expected a snapshot id (see \`reprise snapshots\`), got "${(id ?? '').slice(0, 40)}"` });
          const { restore } = await import('../../commands/snapshots');
          const r = await restore(getCtx(), Number(id), g.yes === true);
          if (g.json) writeJson(io, r);
          return EXIT.OK;
        }
        if (action !== 'list' || id !== undefined) throw new RepriseError('USAGE', 'usage', { problem: `snapshots: unknown action "${action.slice(0, 40)}" (list, restore ID)` });
        const { snapshots } = await import('../../commands/snapshots');
        const ctx = getCtx();
        const r = snapshots(ctx);
        if (g.json) writeJson(io, r);
        else if (r.snapshots.length === 0) io.stderr.write(`${t(state.lang, 'snapshotsNone')}\n`);
        else {
          const rows = [['ID', 'SERVICE', 'KIND', 'VERSION', 'RELEASE', 'CREATED', 'SIZE', 'SHA256', 'PATH']];
          for (const s of r.snapshots) rows.push([String(s.id), s.service, s.kind, s.version, s.release === null ? '-' : `#${s.release}`, s.created_at, formatBytes(s.bytes, state.lang), s.sha256.slice(0, 12), s.path]);
          io.stderr.write(`${t(state.lang, 'snapshotsHeader', { project: ctx.project.name })}\n${table(rows)}\n`);
        }
        return EXIT.OK;
      }, true),
    );
}
