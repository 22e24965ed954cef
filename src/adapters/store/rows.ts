// Row <-> domain mapping for the SQLite store.
import type { HistoryEvent, JournalEntry, LockHolder, Release, ReleaseKind, ReleaseOutcome, ReleaseTrigger } from '../../domain/types';

export interface ReleaseRow {
  id: number;
  project: string;
  kind: string;
  trigger: string;
  version: string;
  from_version: string | null;
  outcome: string;
  started_at: string;
  finished_at: string | null;
  duration_seconds: number | null;
  user: string;
  host: string;
  message: string | null;
  error_code: string | null;
  error_message: string | null;
  services: string;
}

export interface EventRow {
  id: number;
  project: string;
  at: string;
  type: string;
  release_id: number | null;
  message: string;
  details: string;
}

export interface LockRow {
  project: string;
  pid: number | null;
  host: string;
  user: string;
  command: string;
  message: string | null;
  since: string;
  pid_start: string | null;
  boot_id: string | null;
  pid_ns: string | null;
}

export interface JournalRow {
  project: string;
  release_id: number;
  kind: string;
  version: string;
  from_version: string | null;
  planned: string;
  done: string;
  step: string;
  pid: number;
  host: string;
  started_at: string;
  updated_at: string;
}

export function toRelease(r: ReleaseRow): Release {
  return {
    id: r.id,
    project: r.project,
    kind: r.kind as ReleaseKind,
    trigger: r.trigger as ReleaseTrigger,
    version: r.version,
    fromVersion: r.from_version,
    outcome: r.outcome as ReleaseOutcome,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationSeconds: r.duration_seconds,
    user: r.user,
    host: r.host,
    message: r.message,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    services: parseJson(r.services, {}),
  };
}

export function toEvent(r: EventRow): HistoryEvent {
  return {
    id: r.id,
    project: r.project,
    at: r.at,
    type: r.type,
    releaseId: r.release_id,
    message: r.message,
    details: parseJson(r.details, {}),
  };
}

export function toLockHolder(r: LockRow): LockHolder {
  return {
    project: r.project,
    pid: r.pid,
    host: r.host,
    user: r.user,
    command: r.command,
    message: r.message,
    since: r.since,
    pidStart: r.pid_start,
    bootId: r.boot_id ?? null,
    pidNs: r.pid_ns ?? null,
  };
}

export function fromLockHolder(h: LockHolder): LockRow {
  return {
    project: h.project,
    pid: h.pid,
    host: h.host,
    user: h.user,
    command: h.command,
    message: h.message,
    since: h.since,
    pid_start: h.pidStart,
    boot_id: h.bootId ?? null,
    pid_ns: h.pidNs ?? null,
  };
}

export function toJournal(r: JournalRow): JournalEntry {
  return {
    project: r.project,
    releaseId: r.release_id,
    kind: r.kind as ReleaseKind,
    version: r.version,
    fromVersion: r.from_version,
    planned: parseJson(r.planned, []),
    done: parseJson(r.done, []),
    step: r.step,
    pid: r.pid,
    host: r.host,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
  };
}

export function fromJournal(e: JournalEntry): JournalRow {
  return {
    project: e.project,
    release_id: e.releaseId,
    kind: e.kind,
    version: e.version,
    from_version: e.fromVersion,
    planned: JSON.stringify(e.planned),
    done: JSON.stringify(e.done),
    step: e.step,
    pid: e.pid,
    host: e.host,
    started_at: e.startedAt,
    updated_at: e.updatedAt,
  };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
