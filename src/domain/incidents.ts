// Incidents as a process (seed §6, §8), pure: what an incident is, which kind an operation opens, and what the
// incident clock owes it at a given moment — an escalation level once its delay has passed while nobody
// acknowledged it, a reminder once the investigation or post-mortem deadline has passed. Each owed message has a
// key of its own (level:2, reminder:postmortem): the clock sends a key once, whoever runs it and however often.
import { parseDuration } from './duration';

export type IncidentState = 'open' | 'acknowledged' | 'resolved';
export type IncidentKind = 'deploy_failed' | 'auto_rollback' | 'rollback' | 'emergency';

export interface Incident {
  id: number;
  project: string;
  state: IncidentState;
  kind: IncidentKind;
  openedAt: string;
  version: string;
  fromVersion: string | null;
  releaseId: number | null;
  /** the incident's folder under logs/incidents, relative to the project directory (its evidence) */
  report: string | null;
  cause: string | null;
  /** the highest escalation level notified (0: none yet) */
  level: number;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  postmortemBy: string | null;
  postmortemAt: string | null;
}

export interface EscalationLevel {
  /** delay after the incident opened */
  afterMs: number;
  telegram: string[];
  email: string[];
  slack: boolean;
  teams: boolean;
  webhook: boolean;
}

export interface IncidentPolicy {
  investigationMs: number;
  postmortemMs: number;
  levels: EscalationLevel[];
}

/** seed §6.2: analysed within 2 hours; §6.3: a post-mortem within 24 hours */
export const DEFAULT_INVESTIGATION_MS = 2 * 3_600_000;
export const DEFAULT_POSTMORTEM_MS = 24 * 3_600_000;

interface RawPolicy {
  incidents?: { investigation_deadline?: string | number; postmortem_deadline?: string | number };
  escalation?: { levels: Array<{ after: string | number; telegram?: string[]; email?: string[]; slack?: boolean; teams?: boolean; webhook?: boolean }> };
}

/** reprise.yml's `incidents:` and `escalation:` (already validated) as milliseconds and lists. */
export function incidentPolicy(config: RawPolicy): IncidentPolicy {
  const ms = (v: string | number | undefined, fallback: number): number => (v === undefined ? fallback : (parseDuration(v) ?? fallback));
  return {
    investigationMs: ms(config.incidents?.investigation_deadline, DEFAULT_INVESTIGATION_MS),
    postmortemMs: ms(config.incidents?.postmortem_deadline, DEFAULT_POSTMORTEM_MS),
    levels: (config.escalation?.levels ?? []).map((l) => ({
      afterMs: ms(l.after, 0),
      telegram: (l.telegram ?? []).map(String),
      email: l.email ?? [],
      slack: l.slack === true,
      teams: l.teams === true,
      webhook: l.webhook === true,
    })),
  };
}

/** The kind of incident an operation opens: which failure or rollback it was. */
export function incidentKind(kind: 'deploy' | 'rollback' | 'emergency', trigger: 'manual' | 'auto' | 'emergency' | 'dashboard'): IncidentKind {
  if (kind === 'emergency' || trigger === 'emergency') return 'emergency';
  if (kind === 'deploy') return 'deploy_failed';
  return trigger === 'auto' ? 'auto_rollback' : 'rollback';
}

/**
 * Who acknowledges an incident when it opens: the person whose own command rolled back and restored the
 * services is handling it already (a manual rollback or an emergency that worked); anything reprise did by
 * itself, and anything left unrestored, waits for someone — and escalates.
 */
export function acknowledgedAtOpening(kind: IncidentKind, restored: boolean): boolean {
  return restored && (kind === 'rollback' || kind === 'emergency');
}

export type Owed =
  | { key: string; type: 'escalation'; level: number; dueAt: number }
  | { key: string; type: 'reminder'; deadline: 'investigation' | 'postmortem'; dueAt: number };

/**
 * What the clock owes an incident at `now` (epoch ms), oldest first, leaving out the keys already `sent`:
 * - while it is open (not acknowledged, not resolved), each level whose delay has passed;
 * - until it is resolved, the investigation reminder once its deadline has passed;
 * - until a post-mortem is attached, the post-mortem reminder once its deadline has passed.
 * An incident resolved, or acknowledged, owes no more escalation; the reminders still follow their own rule.
 */
export function owed(incident: Incident, policy: IncidentPolicy, now: number, sent: ReadonlySet<string>): Owed[] {
  const opened = Date.parse(incident.openedAt);
  if (!Number.isFinite(opened)) return [];
  const out: Owed[] = [];
  if (incident.state === 'open') {
    policy.levels.forEach((l, i) => {
      const dueAt = opened + l.afterMs;
      if (now >= dueAt) out.push({ key: `level:${i + 1}`, type: 'escalation', level: i + 1, dueAt });
    });
  }
  const investigation = opened + policy.investigationMs;
  if (incident.state !== 'resolved' && now >= investigation) out.push({ key: 'reminder:investigation', type: 'reminder', deadline: 'investigation', dueAt: investigation });
  const postmortem = opened + policy.postmortemMs;
  if (incident.postmortemAt === null && now >= postmortem) out.push({ key: 'reminder:postmortem', type: 'reminder', deadline: 'postmortem', dueAt: postmortem });
  return out.filter((o) => !sent.has(o.key)).sort((a, b) => a.dueAt - b.dueAt);
}

/** When the clock next owes this incident something (epoch ms), or null: lets `serve` sleep until then. */
export function nextDue(incident: Incident, policy: IncidentPolicy, sent: ReadonlySet<string>): number | null {
  const all = owed(incident, policy, Number.MAX_SAFE_INTEGER, sent);
  return all.length ? all[0].dueAt : null;
}

/** An incident id on the command line or in a URL: a positive integer. */
export function parseIncidentId(value: string | undefined): number | null {
  return value !== undefined && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null;
}
