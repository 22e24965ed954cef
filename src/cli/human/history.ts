// Human rendering (stderr) of `reprise history`: releases and events in one table, newest first.
import { t, type Lang } from '../../domain/messages';
import type { HistoryResult } from '../../commands/queries';
import type { CliIo } from '../io';
import { table } from '../render';
import { short } from './time';

export function history(io: CliIo, lang: Lang, r: HistoryResult): void {
  if (r.releases.length === 0 && r.events.length === 0) {
    io.stderr.write(`${t(lang, 'historyEmpty')}\n`);
    return;
  }
  const fr = lang === 'fr';
  type Row = { at: string; cells: string[] };
  const items: Row[] = [
    ...r.releases.map((x) => ({
      at: x.startedAt,
      cells: [short(x.startedAt), `#${x.id} ${x.kind}`, x.trigger, `${x.fromVersion ?? '-'} → ${x.version}`, x.outcome, x.durationSeconds !== null ? `${x.durationSeconds.toFixed(1)} s` : '-', x.user, [x.errorMessage ?? x.message ?? '', x.incident ? `→ ${x.incident}` : ''].filter(Boolean).join(' ')],
    })),
    ...r.events.map((e) => ({ at: e.at, cells: [short(e.at), 'event', e.type, '', '', '', '', e.message] })),
  ];
  items.sort((a, b) => b.at.localeCompare(a.at));
  const head = fr ? ['DATE', 'QUOI', 'DÉCLENCHEUR', 'VERSIONS', 'RÉSULTAT', 'DURÉE', 'QUI', 'DÉTAIL'] : ['WHEN', 'WHAT', 'TRIGGER', 'VERSIONS', 'OUTCOME', 'DURATION', 'WHO', 'DETAIL'];
  io.stderr.write(`${table([head, ...items.map((i) => i.cells)])}\n`);
}
