// `reprise incident list | show ID | ack ID | resolve ID | postmortem ID --file F` (issue 23).
import type { Command } from 'commander';
import { EXIT, RepriseError } from '../../domain/errors';
import { parseIncidentId } from '../../domain/incidents';
import { t } from '../../domain/messages';
import { table, writeJson } from '../render';
import { help, type Cli } from './shared';

const ACTIONS = ['list', 'show', 'ack', 'resolve', 'postmortem'] as const;
type IncidentAction = (typeof ACTIONS)[number];

/**
 * `postmortem ID --file NOTES.md` (SPEC §3): the global `-f, --file` (compose files, repeatable) takes every
 * `--file` wherever it stands, so the notes are the last `--file` / `-f` written after the word `postmortem`;
 * the compose files are the others. Pure.
 */
export function notesFile(argv: readonly string[], composeFiles: readonly string[] | undefined): { notes?: string; composeFiles?: string[] } {
  const from = argv.indexOf('postmortem');
  let notes: string | undefined;
  for (let i = from + 1; from >= 0 && i < argv.length; i++) {
    const a = argv[i];
    if ((a === '--file' || a === '-f') && i + 1 < argv.length) notes = argv[++i];
    else if (a.startsWith('--file=')) notes = a.slice(7);
    else if (a === '--') break;
  }
  if (notes === undefined) return { composeFiles: composeFiles ? [...composeFiles] : undefined };
  const rest = [...(composeFiles ?? [])];
  const at = rest.lastIndexOf(notes);
  if (at >= 0) rest.splice(at, 1);
  return { notes, composeFiles: rest.length > 0 ? rest : undefined };
}

export function register(program: Command, { io, state, act, argv }: Cli): void {
  const { lang } = state;
  program
    .command('incident')
    .argument('[action]', help(lang, 'list (the default), show, ack, resolve or postmortem', 'list (par défaut), show, ack, resolve ou postmortem'), 'list')
    .argument('[id]', help(lang, 'the incident (see the list)', "l'incident (voir la liste)"))
    .option('--file <file>', help(lang, 'with postmortem: the notes to attach to the report', 'avec postmortem : les notes à joindre au rapport'))
    .description(
      help(
        lang,
        'incidents opened by failed deploys, rollbacks and emergencies (seed §6, §8): ack stops the escalation, resolve ends the investigation, postmortem --file attaches the notes',
        "les incidents ouverts par les déploiements échoués, rollbacks et urgences (guide §6, §8) : ack arrête l'escalade, resolve clôt l'investigation, postmortem --file joint les notes",
      ),
    )
    .action(
      act(async (getCtx, g, action: string, id: string | undefined, opts: { file?: string }) => {
        if (!(ACTIONS as readonly string[]).includes(action)) throw new RepriseError('USAGE', 'usage', { problem: `incident: unknown action "${action.slice(0, 40)}" (${ACTIONS.join(', ')})` });
        const a = action as IncidentAction;
        const cmds = await import('../../commands/incidents');
        if (a === 'list') {
          if (id !== undefined) throw new RepriseError('USAGE', 'usage', { problem: 'incident list takes no id (incident show ID)' });
          const ctx = getCtx();
          const r = cmds.listIncidents(ctx);
          if (g.json) writeJson(io, r);
          else if (r.incidents.length === 0) io.stderr.write(`${t(state.lang, 'incidentNone', { project: ctx.project.name })}\n`);
          else {
            const rows = [['ID', 'STATE', 'KIND', 'OPENED', 'VERSION', 'FROM', 'LEVEL', 'ACK', 'POST-MORTEM', 'REPORT']];
            for (const i of r.incidents) rows.push([String(i.id), i.state, i.kind, i.opened_at, i.version, i.from_version ?? '-', String(i.level), i.acknowledged_by ? `${i.acknowledged_by} ${i.acknowledged_at}` : '-', i.postmortem_at ?? `(${i.postmortem_due})`, i.report ?? '-']);
            io.stderr.write(`${t(state.lang, 'incidentHeader', { project: ctx.project.name })}\n${table(rows)}\n`);
          }
          return EXIT.OK;
        }
        const n = parseIncidentId(id);
        if (n === null) throw new RepriseError('USAGE', 'usage', { problem: `incident ${a}: expected an incident id (see \`reprise incident list\`), got "${(id ?? '').slice(0, 40)}"` });
        const split = a === 'postmortem' ? notesFile(argv, g.file) : { notes: undefined, composeFiles: g.file };
        const file = opts.file ?? split.notes;
        if (a === 'postmortem' && !file) throw new RepriseError('USAGE', 'usage', { problem: 'incident postmortem ID needs --file NOTES.md' });
        g.file = split.composeFiles;
        const ctx = getCtx();
        if (a === 'show') {
          const r = cmds.showIncident(ctx, n);
          if (g.json) writeJson(io, r);
          else {
            const i = r.incident;
            const lines = Object.entries(i).map(([k, v]) => `${k}: ${v ?? '-'}`);
            for (const x of r.notices) lines.push(`notice ${x.key}: ${x.sent_at ?? (x.attempts > 0 ? `(attempt ${x.attempts + 1} due)` : '(sending)')} — ${(x.deliveries ?? []).map((d) => { const y = d as { channel: string; recipient: string; ok: boolean }; return `${y.channel} ${y.recipient} ${y.ok ? 'ok' : 'failed'}`; }).join('; ') || '-'}`);
            io.stderr.write(`${lines.join('\n')}\n`);
          }
          return EXIT.OK;
        }
        const r = a === 'ack' ? cmds.acknowledgeIncident(ctx, n) : a === 'resolve' ? cmds.resolveIncident(ctx, n) : cmds.attachPostmortem(ctx, n, file as string);
        if (g.json) writeJson(io, r);
        return EXIT.OK;
      }),
    );
}
