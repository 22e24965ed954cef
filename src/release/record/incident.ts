// Incidents (seed §6.2): before a container is replaced, its logs, health log and inspect data are kept;
// for every failed deploy and every rollback they are written to logs/incidents/<UTC timestamp>-<version>/
// with report.md, which starts with the seed's communication template (§6.1) filled in.
import { compactUtc } from '../../domain/timestamp';
import { acknowledgedAtOpening, incidentKind } from '../../domain/incidents';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../../adapters/fs/private';
import { redact, redactDeep, redactEnvList } from '../../domain/redact';
import type { DataRestoreRecord, ReleaseKind, ReleaseTrigger } from '../../domain/types';
import { projectSecrets, type OpContext } from '../context';

interface Captured {
  service: string;
  containerId: string;
  image: string;
  logs: string;
  inspect: Record<string, unknown> | null;
}

export interface IncidentSummary {
  kind: ReleaseKind;
  trigger: ReleaseTrigger;
  /** the version that failed or was left */
  failedVersion: string;
  /** the version running at the end (restored), or null when nothing could be restored */
  restoredVersion: string | null;
  cause: string;
  restored: boolean;
  releaseIds: number[];
  durationSeconds: number;
  services: Record<string, number>;
  /** rollback --restore-data: what was done to the data */
  dataRestored?: DataRestoreRecord[] | null;
  /** the release's own versions (its target and the version before it): the incident's version and from_version */
  version?: string;
  fromVersion?: string | null;
}

const LOG_TAIL = 2000;

export class IncidentRecorder {
  private readonly captured: Captured[] = [];
  private readonly timeline: Array<{ at: Date; text: string }> = [];
  private readonly secrets: string[];
  readonly startedAt: Date;
  /** the incident row opened by write(), once written */
  incidentId: number | null = null;

  constructor(private readonly ctx: OpContext) {
    this.startedAt = ctx.now();
    this.secrets = projectSecrets(ctx);
  }

  note(text: string): void {
    this.timeline.push({ at: this.ctx.now(), text: redact(text, this.secrets) });
  }

  /** Keeps the logs and inspect data of the services' current containers, before compose replaces them. */
  async captureBeforeReplace(services: string[], onlyIds: string[] | null = null): Promise<void> {
    try {
      const containers = (await this.ctx.engine.containers()).filter((c) => services.includes(c.service) && (!onlyIds || onlyIds.includes(c.id)));
      await Promise.all(
        containers.map(async (c) => {
          const [logs, inspect] = await Promise.all([this.ctx.engine.logs(c.id, LOG_TAIL).catch((e: Error) => `(logs unavailable: ${e.message})`), this.ctx.engine.inspectRaw(c.id).catch(() => null)]);
          this.captured.push({ service: c.service, containerId: c.id, image: c.image, logs, inspect });
        }),
      );
    } catch (e) {
      this.note(`capture of ${services.join(', ')} failed: ${(e as Error).message}`);
    }
  }

  /** Writes the incident folder; never throws (a warning is printed and null returned). */
  async write(summary: IncidentSummary, statusSnapshot: unknown): Promise<string | null> {
    const now = this.ctx.now();
    const dir = join(this.ctx.project.dir, 'logs', 'incidents', `${compactUtc(now)}-${summary.failedVersion}`);
    try {
      // logs/ is never writable by others; logs/incidents/ and the incident's folder are private (0700), its
      // files 0600, none of them reached through a symbolic link
      mkdirSync(join(this.ctx.project.dir, 'logs'), { recursive: true, mode: 0o755 });
      ensurePrivateDir(join(this.ctx.project.dir, 'logs', 'incidents'));
      ensurePrivateDir(dir);
      const files: string[] = [];
      for (const c of this.captured) {
        const base = `${c.service}-${c.image.split(':').pop()}-${c.containerId.slice(0, 12)}`;
        writePrivateFile(join(dir, `${base}.log`), redact(c.logs, this.secrets));
        files.push(`${base}.log`);
        if (c.inspect) {
          const inspect = sanitizeInspect(c.inspect, this.secrets);
          writePrivateFile(join(dir, `${base}.inspect.json`), `${JSON.stringify(inspect, null, 2)}\n`);
          const health = (inspect.State as { Health?: unknown } | undefined)?.Health ?? null;
          writePrivateFile(join(dir, `${base}.health.json`), `${JSON.stringify(health, null, 2)}\n`);
          files.push(`${base}.inspect.json`, `${base}.health.json`);
        }
      }
      writePrivateFile(join(dir, 'status.json'), `${JSON.stringify(redactDeep(statusSnapshot, this.secrets), null, 2)}\n`);
      writePrivateFile(join(dir, 'report.md'), this.report(summary, now, files));
      const rel = join('logs', 'incidents', dir.split('/').pop()!);
      // one incident, one event: attached to the release that failed (the first), naming every release it
      // covers (a failed deploy and its automatic rollback share the folder)
      if (summary.releaseIds.length) this.ctx.store.addEvent(this.ctx.project.name, 'incident', rel, { path: rel, releases: summary.releaseIds }, summary.releaseIds[0]);
      this.incidentId = this.open(summary, now, rel);
      return rel;
    } catch (e) {
      this.ctx.out.warn(`incident: ${(e as Error).message}`);
      // the evidence could not be written (a full disk, a folder that is a link): the incident still opens, and
      // escalates, without a report
      if (this.incidentId === null) this.incidentId = this.open(summary, now, null);
      return null;
    }
  }

  /** The incident's row (issue 23): its life cycle starts here; a failure to record it is a warning. */
  private open(s: IncidentSummary, now: Date, report: string | null): number | null {
    try {
      const kind = incidentKind(s.kind, s.trigger);
      const incident = this.ctx.store.incidents.open({
        project: this.ctx.project.name,
        kind,
        openedAt: now.toISOString(),
        version: s.version ?? s.failedVersion,
        fromVersion: s.fromVersion ?? null,
        releaseId: s.releaseIds[0] ?? null,
        report,
        cause: redact(s.cause, this.secrets).slice(0, 2000),
        acknowledgedBy: acknowledgedAtOpening(kind, s.restored) ? this.ctx.user : null,
      });
      this.ctx.store.addEvent(this.ctx.project.name, 'incident_opened', `incident #${incident.id} (${kind}) ${incident.state}`, { incident: incident.id, kind, state: incident.state, report }, incident.releaseId);
      return incident.id;
    } catch (e) {
      this.ctx.out.warn(`incident: ${(e as Error).message}`);
      return null;
    }
  }

  private report(s: IncidentSummary, now: Date, files: string[]): string {
    const fr = this.ctx.lang === 'fr';
    const ts = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const status = s.restored ? 'Services restaurés' : 'Échec du retour arrière — intervention requise';
    const next = s.restored ? 'Investigation en cours' : 'Intervention manuelle (voir `reprise status`, procédure d\'urgence du README)';
    const lines = [
      '```',
      s.restored ? '🚨 ROLLBACK EFFECTUÉ' : '🚨 ROLLBACK ÉCHOUÉ',
      `- Heure : ${ts}`,
      `- Version précédente : ${s.restoredVersion ?? '-'}`,
      `- Cause : ${redact(s.cause, this.secrets)}`,
      `- Statut : ${status}`,
      `- Prochaine étape : ${next}`,
      '```',
      '',
      fr ? '## Détails' : '## Details',
      '',
      `- ${fr ? 'Projet' : 'Project'}: ${this.ctx.project.name}${this.ctx.project.environment ? ` (${this.ctx.project.environment})` : ''}`,
      `- ${fr ? 'Hôte' : 'Host'}: ${this.ctx.host} — ${fr ? 'utilisateur' : 'user'}: ${this.ctx.user}`,
      `- ${fr ? 'Opération' : 'Operation'}: ${s.kind} (${s.trigger}), ${s.failedVersion} → ${s.restoredVersion ?? '-'}`,
      `- ${fr ? 'Durée' : 'Duration'}: ${s.durationSeconds.toFixed(1)} s`,
      `- ${fr ? 'Releases' : 'Releases'}: ${s.releaseIds.map((i) => `#${i}`).join(', ')}`,
      `- ${fr ? 'Suivi' : 'Follow-up'}: \`reprise incident list\` (${fr ? 'acquitter, résoudre, post-mortem' : 'acknowledge, resolve, post-mortem'})`,
      ...Object.entries(s.services).map(([k, v]) => `- ${k}: ${v} s`),
      ...(s.dataRestored ?? []).map((d) => dataLine(d, fr, this.secrets)),
      '',
      fr ? '## Chronologie' : '## Timeline',
      '',
      ...this.timeline.map((e) => `- ${e.at.toISOString()} — ${e.text}`),
      '',
      fr ? '## Fichiers capturés (avant le remplacement des conteneurs)' : '## Captured files (before the containers were replaced)',
      '',
      ...(files.length ? files.map((f) => `- ${f}`) : ['- -']),
      '- status.json',
      '',
    ];
    return `${lines.join('\n')}\n`;
  }
}

/** Inspect data without secrets: environment values of secret-looking names masked, others redacted. */
function sanitizeInspect(inspect: Record<string, unknown>, secrets: string[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(inspect)) as { Config?: { Env?: string[] } } & Record<string, unknown>;
  if (copy.Config?.Env) copy.Config.Env = redactEnvList(copy.Config.Env, secrets);
  return JSON.parse(redact(JSON.stringify(copy), secrets.map((s) => JSON.stringify(s).slice(1, -1)))) as Record<string, unknown>;
}

/** The report's line for a --restore-data: which snapshot, what was lost, where the data of the moment before is. */
function dataLine(d: DataRestoreRecord, fr: boolean, secrets: string[]): string {
  if (!d.ok) return fr ? `- Données : restauration de ${d.service} depuis l'instantané n°${d.snapshot} ÉCHOUÉE — ${redact(d.error ?? '-', secrets)}` : `- Data: restoring ${d.service} from snapshot #${d.snapshot} FAILED — ${redact(d.error ?? '-', secrets)}`;
  return fr
    ? `- Données : ${d.service} restauré depuis l'instantané n°${d.snapshot} (pris le ${d.lost_since} ; les écritures depuis sont perdues) ; les données juste avant : ${d.safety ?? '-'}`
    : `- Data: ${d.service} restored from snapshot #${d.snapshot} (taken ${d.lost_since}; writes since then are lost); the data as it was just before: ${d.safety ?? '-'}`;
}
