// Notification events and their rendering (pure): plain text, Telegram HTML, e-mail subject.
// The text starts with the seed's communication template (§6.1): 🚨 ROLLBACK EFFECTUÉ, Heure,
// Version précédente, Cause, Statut, Prochaine étape — in French, or its English equivalent.
import { t, type Lang, type MessageKey } from './messages';

export type NotificationType =
  | 'deploy_success'
  | 'deploy_failed'
  | 'rollback_success'
  | 'rollback_failed'
  | 'rollback_cancelled'
  | 'auto_rollback'
  | 'emergency_rollback'
  | 'interrupted_operation'
  | 'incident_escalation'
  | 'incident_reminder'
  | 'test';

/** An incident clock's message (issue 23): which incident, which level or deadline, how long it has been open. */
export interface IncidentNotice {
  id: number;
  /** escalation: the level notified (1-based) and how many there are */
  level: number;
  levels: number;
  /** reminder: which deadline passed */
  deadline: 'investigation' | 'postmortem' | null;
  openedAt: Date;
  state: string;
  acknowledgedBy: string | null;
}

export interface NotificationEvent {
  type: NotificationType;
  urgent: boolean;
  project: string;
  environment: string | null;
  host: string;
  user: string;
  /** the operation's target (deploy: the new version; rollback: the version rolled back to) */
  version: string;
  /** the version running before the operation */
  fromVersion: string | null;
  /** the version running at the end after a restore (failed deploy put back, rollback done), if any */
  restoredVersion: string | null;
  cause: string | null;
  durationSeconds: number | null;
  /** incident report path (relative to the project directory) */
  incident: string | null;
  at: Date;
  lang: Lang;
  /** did the operation reach its goal (for auto/emergency rollbacks and failed deploys: were services restored) */
  outcomeOk: boolean;
  /** rollback --restore-data: the services whose data was not restored (the code rollback stands) */
  dataNotRestored?: string[];
  /** incident_escalation / incident_reminder */
  notice?: IncidentNotice;
}

/** Longest cause kept in a message (Telegram's limit is 4096 characters). */
const MAX_CAUSE = 1000;

const ROLLBACK_TYPES: ReadonlySet<NotificationType> = new Set(['rollback_success', 'rollback_failed', 'rollback_cancelled', 'auto_rollback', 'emergency_rollback']);

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function titleKey(e: NotificationEvent): MessageKey {
  switch (e.type) {
    case 'deploy_success':
      return 'notifTitleDeploySuccess';
    case 'deploy_failed':
      return e.outcomeOk ? 'notifTitleDeployFailedRestored' : 'notifTitleDeployFailed';
    case 'rollback_success':
      return 'notifTitleRollbackSuccess';
    case 'rollback_failed':
      return 'notifTitleRollbackFailed';
    case 'rollback_cancelled':
      return 'notifTitleRollbackCancelled';
    case 'auto_rollback':
      return e.outcomeOk ? 'notifTitleAutoRollback' : 'notifTitleAutoRollbackFailed';
    case 'emergency_rollback':
      return e.outcomeOk ? 'notifTitleEmergency' : 'notifTitleEmergencyFailed';
    case 'interrupted_operation':
      return 'notifTitleInterrupted';
    case 'incident_escalation':
      return 'notifTitleEscalation';
    case 'incident_reminder':
      return e.notice?.deadline === 'postmortem' ? 'notifTitleReminderPostmortem' : 'notifTitleReminderInvestigation';
    case 'test':
      return 'notifTitleTest';
  }
}

function minutesOpen(e: NotificationEvent): number {
  return e.notice ? Math.max(0, Math.floor((e.at.getTime() - e.notice.openedAt.getTime()) / 60_000)) : 0;
}

/** "Version précédente" of the seed's template: for a rollback the version restored, for a deploy the one before. */
function previousVersion(e: NotificationEvent): string {
  if (ROLLBACK_TYPES.has(e.type)) return e.restoredVersion ?? e.version;
  if (e.notice) return e.restoredVersion ?? e.fromVersion ?? '-';
  if (e.type === 'deploy_failed') return e.restoredVersion ?? e.fromVersion ?? '-';
  return e.fromVersion ?? '-';
}

function statusText(e: NotificationEvent): string {
  const L = e.lang;
  switch (e.type) {
    case 'deploy_success':
      return t(L, 'notifStatusDeployed', { version: e.version });
    case 'rollback_cancelled':
      return t(L, 'notifStatusCancelled');
    case 'interrupted_operation':
      return t(L, 'notifStatusInterrupted');
    case 'test':
      return t(L, 'notifStatusTest');
    case 'incident_escalation':
    case 'incident_reminder':
      if (e.notice?.state === 'open') return t(L, 'notifStatusUnacknowledged', { minutes: minutesOpen(e) });
      return t(L, e.notice?.state === 'resolved' ? 'notifStatusIncidentResolved' : 'notifStatusAcknowledged', { user: e.notice?.acknowledgedBy ?? '-', minutes: minutesOpen(e) });
    default:
      if (e.outcomeOk && e.dataNotRestored?.length) return t(L, 'notifStatusDataNotRestored', { services: e.dataNotRestored.join(', ') });
      return t(L, e.outcomeOk ? 'notifStatusRestored' : 'notifStatusNotRestored');
  }
}

function nextStep(e: NotificationEvent): string {
  const L = e.lang;
  switch (e.type) {
    case 'deploy_success':
      return t(L, 'notifNextWatch');
    case 'rollback_cancelled':
    case 'test':
      return t(L, 'notifNextNone');
    case 'interrupted_operation':
      return t(L, 'notifNextInterrupted');
    case 'incident_escalation':
      return t(L, 'notifNextAcknowledge', { id: e.notice?.id ?? '-' });
    case 'incident_reminder':
      return t(L, e.notice?.deadline === 'postmortem' ? 'notifNextPostmortem' : 'notifNextResolve', { id: e.notice?.id ?? '-' });
    default:
      if (e.outcomeOk && e.dataNotRestored?.length) return t(L, 'notifNextDataNotRestored');
      return t(L, e.outcomeOk ? 'notifNextInvestigate' : 'notifNextUrgent');
  }
}

function utc(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function shortCause(c: string): string {
  const one = c.replace(/\s+/g, ' ').trim();
  return one.length > MAX_CAUSE ? `${one.slice(0, MAX_CAUSE - 1)}…` : one;
}

export interface Rendered {
  title: string;
  lines: Array<[label: string, value: string]>;
}

/** The message as a title and labelled lines, in the event's language: what every channel lays out its own way. */
export function renderParts(e: NotificationEvent): Rendered {
  const L = e.lang;
  const n = e.notice;
  const title = `${e.urgent ? `${t(L, 'notifUrgent')} — ` : ''}${t(L, titleKey(e), n ? { id: n.id, level: n.level, levels: n.levels } : {})}`;
  const lines: Array<[string, string]> = [
    [t(L, n ? 'notifOpened' : 'notifTime'), utc(n ? n.openedAt : e.at)],
    [t(L, 'notifPrevious'), previousVersion(e)],
    [t(L, 'notifCause'), e.cause ? shortCause(e.cause) : '-'],
    [t(L, 'notifStatus'), statusText(e)],
    [t(L, 'notifNext'), nextStep(e)],
    [t(L, 'notifHost'), e.host],
    [t(L, 'notifProject'), e.environment ? `${e.project} (${e.environment})` : e.project],
    [t(L, 'notifBy'), e.user],
  ];
  if (e.durationSeconds !== null) lines.push([t(L, 'notifDuration'), `${e.durationSeconds.toFixed(1)} s`]);
  lines.push([t(L, 'notifVersions'), `${e.fromVersion ?? '-'} → ${e.version}`]);
  if (e.incident) lines.push([t(L, 'notifIncident'), e.incident]);
  return { title, lines };
}

/** The separator between a label and its value: ` : ` in French, `: ` in English. */
export function labelSep(lang: Lang): string {
  return lang === 'fr' ? ' : ' : ': ';
}

/** Plain text (e-mail body, webhook `text`). */
export function renderText(e: NotificationEvent): string {
  const r = renderParts(e);
  return [r.title, ...r.lines.map(([k, v]) => `- ${k}${labelSep(e.lang)}${v}`)].join('\n');
}

/** Telegram `parse_mode: HTML`: every dynamic value escaped (`_` and `*` have no meaning in HTML mode). */
export function renderHtml(e: NotificationEvent): string {
  const r = renderParts(e);
  return [`<b>${escapeHtml(r.title)}</b>`, ...r.lines.map(([k, v]) => `- ${escapeHtml(k)}${labelSep(e.lang)}${escapeHtml(v)}`)].join('\n');
}

function subjectKey(type: NotificationType): MessageKey {
  switch (type) {
    case 'deploy_success':
      return 'notifSubjectDeploySuccess';
    case 'deploy_failed':
      return 'notifSubjectDeployFailed';
    case 'rollback_success':
      return 'notifSubjectRollbackSuccess';
    case 'rollback_failed':
      return 'notifSubjectRollbackFailed';
    case 'rollback_cancelled':
      return 'notifSubjectRollbackCancelled';
    case 'auto_rollback':
      return 'notifSubjectAutoRollback';
    case 'emergency_rollback':
      return 'notifSubjectEmergency';
    case 'interrupted_operation':
      return 'notifSubjectInterrupted';
    case 'incident_escalation':
      return 'notifSubjectEscalation';
    case 'incident_reminder':
      return 'notifSubjectReminder';
    case 'test':
      return 'notifSubjectTest';
  }
}

/** `[Recyclic] Rollback success - Version abc1234` (one line; header injection impossible). */
export function emailSubject(e: NotificationEvent): string {
  const name = e.project ? e.project.charAt(0).toUpperCase() + e.project.slice(1) : 'Reprise';
  let what = t(e.lang, subjectKey(e.type), e.notice ? { id: e.notice.id, level: e.notice.level } : {});
  if (!e.outcomeOk && (e.type === 'auto_rollback' || e.type === 'emergency_rollback')) what += ` ${t(e.lang, 'notifSubjectFailedSuffix')}`;
  const s = `[${name}] ${e.urgent ? 'URGENT: ' : ''}${what} - Version ${e.version}`;
  return s.replace(/[\r\n]+/g, ' ');
}

/** Default urgency and outcome per type: failed rollbacks and emergencies are urgent (seed §5.2 emergency alert). */
export function defaultsFor(type: NotificationType, outcomeOk?: boolean): { outcomeOk: boolean; urgent: boolean } {
  const ok = outcomeOk ?? !['deploy_failed', 'rollback_failed', 'interrupted_operation'].includes(type);
  const urgent = type === 'rollback_failed' || type === 'emergency_rollback' || (!ok && (type === 'auto_rollback' || type === 'deploy_failed'));
  return { outcomeOk: ok, urgent };
}
