// The incident clock (issue 23, seed §6.2, §6.3, §8): for every incident not yet closed, sends what is owed now
// (domain/incidents.ts `owed`) — each escalation level's contacts while nobody acknowledged it, and the
// investigation and post-mortem reminders — once each. `reprise serve` runs it every second; an operation runs
// it for the incident it just opened (a level due at once is sent without serve).
//
// Once and only once, across processes and restarts: a message is claimed in the store (its key's row) before
// it is sent and marked sent afterwards. A claim whose process died before marking it (killed during those few
// seconds of sending) is taken over and sent again: the message may then arrive twice, never zero times.
import { configuredChannels, notifyAll, type Contacts, type Delivery } from '../../adapters/notify';
import type { Notice } from '../../adapters/store';
import { claimant, claimantDead } from '../claimant';
import { incidentPolicy, owed, type Incident, type IncidentPolicy, type Owed } from '../../domain/incidents';
import { t } from '../../domain/messages';
import type { NotificationEvent } from '../../domain/notification';
import { projectSecrets, type OpContext } from '../context';
import { redact } from '../../domain/redact';
import { appendFollowUp } from './incident-follow-up';

export interface ClockOptions {
  /** one incident only (the one an operation just opened) */
  only?: number;
  /** delivery budget per message (default 10 s) */
  budgetMs?: number;
}

export interface SentNotice {
  incident: number;
  key: string;
  deliveries: Delivery[];
}

/**
 * A claim older than this was never finished, whoever holds it: a message's delivery budget is seconds. It covers
 * the claims a liveness check cannot judge (a serve in a container restarted in another PID namespace).
 */
export const CLAIM_STALE_MS = 5 * 60_000;

/**
 * A message none of whose deliveries succeeded (the SMTP server down, the chat's API refusing) is sent again
 * after RETRY_MS, up to MAX_ATTEMPTS in all; then it stays recorded as failed. One delivery that succeeded is
 * enough: sending again would repeat it to those who received it.
 */
export const RETRY_MS = 60_000;
export const MAX_ATTEMPTS = 3;
/** the claim a failed message waits under until its next attempt is due */
const RETRY_MARK = JSON.stringify({ retry: true });

/** Who receives a message: the level's contacts; a reminder goes to the first level (or, without levels, the project's channels). */
function contactsFor(policy: IncidentPolicy, o: Owed): Contacts | undefined {
  const level = o.type === 'escalation' ? policy.levels[o.level - 1] : policy.levels[0];
  if (!level) return undefined;
  return { telegram: level.telegram, email: level.email, slack: level.slack, teams: level.teams, webhook: level.webhook };
}

function eventFor(ctx: OpContext, incident: Incident, policy: IncidentPolicy, o: Owed): NotificationEvent {
  const deploy = incident.kind === 'deploy_failed';
  return {
    type: o.type === 'escalation' ? 'incident_escalation' : 'incident_reminder',
    urgent: o.type === 'escalation' && o.level > 1,
    project: ctx.project.name,
    environment: ctx.project.environment,
    host: ctx.host,
    // who ran the operation that opened it (serve's own user otherwise says nothing)
    user: (incident.releaseId !== null ? ctx.store.getRelease(incident.releaseId)?.user : undefined) ?? ctx.user,
    version: incident.version,
    fromVersion: incident.fromVersion,
    restoredVersion: deploy ? incident.fromVersion : incident.version,
    cause: incident.cause ? redact(incident.cause, projectSecrets(ctx)) : null,
    durationSeconds: null,
    incident: incident.report,
    at: ctx.now(),
    lang: ctx.lang,
    outcomeOk: true,
    notice: {
      id: incident.id,
      level: o.type === 'escalation' ? o.level : 0,
      levels: policy.levels.length,
      deadline: o.type === 'reminder' ? o.deadline : null,
      openedAt: new Date(incident.openedAt),
      state: incident.state,
      acknowledgedBy: incident.acknowledgedBy,
    },
  };
}

function describe(ctx: Pick<OpContext, 'lang'>, o: Owed): string {
  if (o.type === 'escalation') return ctx.lang === 'fr' ? `escalade niveau ${o.level}` : `escalation level ${o.level}`;
  if (o.deadline === 'investigation') return ctx.lang === 'fr' ? "rappel : délai d'investigation dépassé" : 'reminder: investigation deadline passed';
  return ctx.lang === 'fr' ? 'rappel : délai du post-mortem dépassé' : 'reminder: post-mortem deadline passed';
}

/** Sends one owed message that this process has claimed, then records it (notice, level, history, report). */
async function send(ctx: OpContext, incident: Incident, policy: IncidentPolicy, o: Owed, budgetMs: number | undefined, attempt: number, me: string): Promise<SentNotice> {
  const table = ctx.store.incidents;
  let deliveries: Delivery[] = [];
  try {
    deliveries = await notifyAll(eventFor(ctx, incident, policy, o), configuredChannels(ctx.project, ctx.env, contactsFor(policy, o)), { budgetMs });
  } catch (e) {
    ctx.out.warn(`incident #${incident.id}: ${(e as Error).name}`);
  }
  const ok = deliveries.filter((d) => d.ok).length;
  const retry = deliveries.length > 0 && ok === 0 && attempt < MAX_ATTEMPTS;
  if (retry) table.retryLater(incident.id, o.key, ctx.now().toISOString(), RETRY_MARK, deliveries, me);
  else table.markSent(incident.id, o.key, ctx.now().toISOString(), deliveries, me);
  // the level reached: once someone was told, or every attempt was made
  if (o.type === 'escalation' && !retry) table.raiseLevel(incident.id, o.level);
  const what = describe(ctx, o);
  const sentLine = t(ctx.lang, 'incidentNoticeSent', { id: incident.id, what, ok, total: deliveries.length });
  const summary = retry ? t(ctx.lang, 'incidentNoticeRetry', { summary: sentLine, seconds: RETRY_MS / 1000, attempt, max: MAX_ATTEMPTS }) : sentLine;
  const to = deliveries.map((d) => `${d.channel} ${d.recipient} ${d.ok ? 'ok' : `failed (${d.error ?? '-'})`}`).join('; ');
  ctx.store.addEvent(ctx.project.name, o.type === 'escalation' ? 'incident_escalated' : 'incident_reminder', summary, { incident: incident.id, key: o.key, deliveries, attempt, retry }, incident.releaseId);
  appendFollowUp(ctx, incident, `${what} — ${ok}/${deliveries.length}${to ? ` (${to})` : ''}${retry ? ` — ${attempt}/${MAX_ATTEMPTS}, +${RETRY_MS / 1000} s` : ''}`);
  ctx.out.line(summary);
  return { incident: incident.id, key: o.key, deliveries };
}

/**
 * One turn of the clock: what every pending incident of the project is owed now, sent once each (oldest
 * first). Never throws: a failure is a warning, and the next turn tries again.
 */
export async function runIncidentClock(ctx: OpContext, opts: ClockOptions = {}): Promise<SentNotice[]> {
  const sent: SentNotice[] = [];
  try {
    const policy = incidentPolicy(ctx.project.config);
    const table = ctx.store.incidents;
    const me = claimant(ctx);
    const pending = table.pending(ctx.project.name).filter((i) => opts.only === undefined || i.id === opts.only);
    for (const incident of pending) {
      const notices = table.notices(incident.id);
      // a claim never marked sent by a process that has died: owed again, and taken over below
      const age = (claimedAt: string): number => ctx.now().getTime() - Date.parse(claimedAt);
      // a failed message whose next attempt is due; a claim whose process died, or that is stale
      const takeOver = (n: Notice): boolean => n.sentAt === null && (n.claimedBy === RETRY_MARK ? age(n.claimedAt) >= RETRY_MS : age(n.claimedAt) > CLAIM_STALE_MS || claimantDead(ctx, n.claimedBy));
      const orphaned = new Map(notices.filter(takeOver).map((n) => [n.key, n]));
      const attempts = new Map(notices.map((n) => [n.key, n.attempts]));
      const taken = new Set(notices.filter((n) => !orphaned.has(n.key)).map((n) => n.key));
      for (const o of owed(incident, policy, ctx.now().getTime(), taken)) {
        const at = ctx.now().toISOString();
        // a take-over compares the claim as it was read (holder and time): another clock that took it first, or
        // a retry put back meanwhile, makes it fail
        const previous = orphaned.get(o.key);
        const mine = previous ? table.reclaim(incident.id, o.key, at, me, previous.claimedBy, previous.claimedAt) : table.claim(incident.id, o.key, at, me);
        if (!mine) continue;
        // acknowledged, resolved or given its post-mortem since the list was read (another process, the
        // dashboard, or while earlier messages were being sent): no longer owed, so not sent
        const now = table.get(ctx.project.name, incident.id) ?? incident;
        if (!owed(now, policy, ctx.now().getTime(), new Set()).some((x) => x.key === o.key)) {
          table.markSent(incident.id, o.key, at, [], me);
          continue;
        }
        sent.push(await send(ctx, now, policy, o, opts.budgetMs, (attempts.get(o.key) ?? 0) + 1, me));
      }
    }
  } catch (e) {
    ctx.out.warn(t(ctx.lang, 'serveClockFailed', { reason: (e as Error).message }));
  }
  return sent;
}
