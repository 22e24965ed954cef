// incident list | show ID | ack ID | resolve ID | postmortem ID --file F (issue 23, seed §6, §8): the incidents
// every failed deploy, rollback and emergency opened, in SPEC §3's JSON shape; acknowledging stops the
// escalation, resolving ends the investigation, the post-mortem's notes join the report. Each action records
// who and when (the incident row, a history event, a line in the report).
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../adapters/fs/private';
import { RepriseError } from '../domain/errors';
import { incidentPolicy, type Incident } from '../domain/incidents';
import { redact } from '../domain/redact';
import { t } from '../domain/messages';
import { projectSecrets, say, type OpContext } from '../release/context';
import { appendFollowUp } from '../release/record/incident-follow-up';

/** SPEC §3's shape of one incident, plus its deadlines and follow-up. */
export interface IncidentJson {
  id: number;
  state: Incident['state'];
  kind: Incident['kind'];
  opened_at: string;
  version: string;
  from_version: string | null;
  level: number;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  report: string | null;
  cause: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  postmortem_by: string | null;
  postmortem_at: string | null;
  investigation_due: string;
  postmortem_due: string;
}

type Ctx = Pick<OpContext, 'store' | 'project' | 'env' | 'now' | 'out' | 'lang' | 'user'>;

export function incidentJson(ctx: Pick<OpContext, 'project'>, i: Incident): IncidentJson {
  const policy = incidentPolicy(ctx.project.config);
  const opened = Date.parse(i.openedAt);
  return {
    id: i.id,
    state: i.state,
    kind: i.kind,
    opened_at: i.openedAt,
    version: i.version,
    from_version: i.fromVersion,
    level: i.level,
    acknowledged_by: i.acknowledgedBy,
    acknowledged_at: i.acknowledgedAt,
    report: i.report ? `${i.report}/report.md` : null,
    cause: i.cause,
    resolved_by: i.resolvedBy,
    resolved_at: i.resolvedAt,
    postmortem_by: i.postmortemBy,
    postmortem_at: i.postmortemAt,
    investigation_due: new Date(opened + policy.investigationMs).toISOString(),
    postmortem_due: new Date(opened + policy.postmortemMs).toISOString(),
  };
}

export function listIncidents(ctx: Pick<OpContext, 'store' | 'project'>): { ok: true; incidents: IncidentJson[] } {
  return { ok: true, incidents: ctx.store.incidents.list(ctx.project.name).map((i) => incidentJson(ctx, i)) };
}

function find(ctx: Pick<OpContext, 'store' | 'project'>, id: number): Incident {
  const i = ctx.store.incidents.get(ctx.project.name, id);
  if (!i) throw new RepriseError('USAGE', 'incidentUnknown', { id });
  return i;
}

export interface IncidentDetail {
  ok: true;
  incident: IncidentJson;
  /** every message the incident clock sent for it */
  notices: Array<{ key: string; claimed_at: string; sent_at: string | null; deliveries: unknown[] | null; attempts: number }>;
}

export function showIncident(ctx: Pick<OpContext, 'store' | 'project'>, id: number): IncidentDetail {
  const i = find(ctx, id);
  return {
    ok: true,
    incident: incidentJson(ctx, i),
    notices: ctx.store.incidents.notices(i.id).map((n) => ({ key: n.key, claimed_at: n.claimedAt, sent_at: n.sentAt, deliveries: n.deliveries, attempts: n.attempts })),
  };
}

export interface ActionResult {
  ok: true;
  changed: boolean;
  incident: IncidentJson;
}

/** `incident ack ID`: the incident is being handled; its escalation stops. Already acknowledged: nothing changes. */
export function acknowledgeIncident(ctx: Ctx, id: number, by: string = ctx.user): ActionResult {
  const before = find(ctx, id);
  const at = ctx.now().toISOString();
  const changed = ctx.store.incidents.acknowledge(id, by, at);
  const after = find(ctx, id);
  if (changed) {
    ctx.store.addEvent(ctx.project.name, 'incident_acknowledged', `incident #${id} acknowledged by ${by}`, { incident: id, by }, before.releaseId);
    appendFollowUp(ctx, after, ctx.lang === 'fr' ? `acquitté par ${by} (l'escalade s'arrête au niveau ${after.level})` : `acknowledged by ${by} (escalation stops at level ${after.level})`);
    say(ctx, 'incidentAcknowledged', { id, user: by });
  } else say(ctx, 'incidentAlreadyAcknowledged', { id, state: t(ctx.lang, after.state === 'resolved' ? 'incidentStateResolved' : after.state === 'open' ? 'incidentStateOpen' : 'incidentStateAcknowledged'), user: after.acknowledgedBy ?? '-', at: after.acknowledgedAt ?? '-' });
  return { ok: true, changed, incident: incidentJson(ctx, after) };
}

/** `incident resolve ID`: the investigation is over (seed §6.2); resolving an open incident also acknowledges it. */
export function resolveIncident(ctx: Ctx, id: number): ActionResult {
  const before = find(ctx, id);
  const changed = ctx.store.incidents.resolve(id, ctx.user, ctx.now().toISOString());
  const after = find(ctx, id);
  if (changed) {
    ctx.store.addEvent(ctx.project.name, 'incident_resolved', `incident #${id} resolved by ${ctx.user}`, { incident: id, by: ctx.user }, before.releaseId);
    appendFollowUp(ctx, after, ctx.lang === 'fr' ? `résolu par ${ctx.user}` : `resolved by ${ctx.user}`);
    say(ctx, 'incidentResolved', { id, user: ctx.user });
  } else say(ctx, 'incidentAlreadyResolved', { id, user: after.resolvedBy ?? '-', at: after.resolvedAt ?? '-' });
  return { ok: true, changed, incident: incidentJson(ctx, after) };
}

/** Longest post-mortem accepted (a text of notes, not a dump) */
const MAX_NOTES = 1024 * 1024;

/**
 * `incident postmortem ID --file NOTES.md` (seed §6.3): the notes, masked, become postmortem.md in the incident's
 * folder (private, as the rest of it), and the report links to them. A second post-mortem replaces the first.
 */
export function attachPostmortem(ctx: Ctx, id: number, file: string): ActionResult & { path: string } {
  const incident = find(ctx, id);
  let notes: string;
  try {
    const st = lstatSync(file);
    if (!st.isFile()) throw new Error('not a plain file');
    if (st.size > MAX_NOTES) throw new Error(`larger than ${MAX_NOTES} bytes`);
    notes = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RepriseError('USAGE', 'incidentPostmortemFile', { file: file.slice(0, 200), reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
  }
  if (!incident.report) throw new RepriseError('OPERATION_FAILED', 'incidentNoReport', { id });
  const path = join(incident.report, 'postmortem.md');
  const at = ctx.now().toISOString();
  const header = ctx.lang === 'fr' ? `# Post-mortem de l'incident n°${id}\n\n_${ctx.user}, ${at}_\n\n` : `# Post-mortem of incident #${id}\n\n_${ctx.user}, ${at}_\n\n`;
  writePrivateFile(join(ctx.project.dir, path), `${header}${redact(notes, projectSecrets(ctx))}`);
  ctx.store.incidents.attachPostmortem(id, ctx.user, at);
  ctx.store.addEvent(ctx.project.name, 'incident_postmortem', `incident #${id} post-mortem by ${ctx.user}: ${path}`, { incident: id, by: ctx.user, path }, incident.releaseId);
  appendFollowUp(ctx, incident, ctx.lang === 'fr' ? `post-mortem joint par ${ctx.user} : postmortem.md` : `post-mortem attached by ${ctx.user}: postmortem.md`);
  say(ctx, 'incidentPostmortemAttached', { id, path });
  return { ok: true, changed: true, path, incident: incidentJson(ctx, find(ctx, id)) };
}
