// Notifications of an operation's outcome (seed §5.2): built from the context, sent through every
// configured channel within a budget, each delivery recorded as a `notification` event. Never throws:
// a notification never changes an operation's outcome or exit code (SPEC §8).
import { configuredChannels, notifyAll, type Channel, type Delivery } from '../../adapters/notify';
import { defaultsFor, type NotificationEvent, type NotificationType } from '../../domain/notification';
import { t } from '../../domain/messages';
import { redact } from '../../domain/redact';
import { projectSecrets, type OpContext } from '../context';

export type { Delivery } from '../../adapters/notify';

export interface NotifyFields {
  type: NotificationType;
  /** deploy: the new version; rollback: the version rolled back to */
  version: string;
  fromVersion?: string | null;
  restoredVersion?: string | null;
  cause?: string | null;
  durationSeconds?: number | null;
  /** incident folder or report, relative to the project directory */
  incident?: string | null;
  /** default: true for success/cancel/test types, false for *_failed and interrupted_operation */
  outcomeOk?: boolean;
  /** default: rollback_failed, emergency_rollback, and failed auto rollbacks / unrestored deploys */
  urgent?: boolean;
  /** rollback --restore-data: services whose data was not restored (urgent unless said otherwise) */
  dataNotRestored?: string[];
}

export interface NotifyEventOptions {
  budgetMs?: number;
  /** for tests; default: configuredChannels(ctx.project, ctx.env) */
  channels?: Channel[];
  /** print a warning per failed delivery and a summary line (default true) */
  print?: boolean;
}

export function buildEvent(ctx: OpContext, f: NotifyFields): NotificationEvent {
  const d = defaultsFor(f.type, f.outcomeOk);
  return {
    type: f.type,
    urgent: f.urgent ?? (d.urgent || Boolean(f.dataNotRestored?.length)),
    project: ctx.project.name,
    environment: ctx.project.environment,
    host: ctx.host,
    user: ctx.user,
    version: f.version,
    fromVersion: f.fromVersion ?? null,
    restoredVersion: f.restoredVersion ?? null,
    // whatever step wrote it, the cause leaves masked (a health URL's token, a secret in an error text)
    cause: f.cause ? redact(f.cause, projectSecrets(ctx)) : (f.cause ?? null),
    durationSeconds: f.durationSeconds ?? null,
    incident: f.incident ?? null,
    at: ctx.now(),
    lang: ctx.lang,
    outcomeOk: d.outcomeOk,
    ...(f.dataNotRestored?.length ? { dataNotRestored: f.dataNotRestored } : {}),
  };
}

function summaryOf(type: NotificationType, deliveries: Delivery[]): string {
  const parts = deliveries.map((d) => `${d.channel} ${d.recipient} ${d.ok ? 'ok' : `failed (${d.error ?? '-'})`}`);
  return `notification ${type}: ${deliveries.filter((d) => d.ok).length}/${deliveries.length} delivered — ${parts.join('; ')}`;
}

/**
 * Sends the event through every configured channel and records the deliveries (one `notification` event,
 * attached to releaseId). Prints a warning per failure and one summary line. Returns [] when no channel is
 * configured. Never throws.
 */
export async function notifyEvent(ctx: OpContext, fields: NotifyFields, releaseId: number | null, opts: NotifyEventOptions = {}): Promise<Delivery[]> {
  let deliveries: Delivery[] = [];
  try {
    const channels = opts.channels ?? configuredChannels(ctx.project, ctx.env);
    if (channels.length === 0) return [];
    const event = buildEvent(ctx, fields);
    deliveries = await notifyAll(event, channels, { budgetMs: opts.budgetMs });
    try {
      ctx.store.addEvent(ctx.project.name, 'notification', summaryOf(fields.type, deliveries), { type: fields.type, urgent: event.urgent, deliveries }, releaseId);
    } catch (e) {
      ctx.out.warn(t(ctx.lang, 'notifyDeliveryFailed', { channel: 'store', recipient: '-', error: (e as Error).message }));
    }
    if (opts.print !== false) {
      for (const d of deliveries.filter((x) => !x.ok)) ctx.out.warn(t(ctx.lang, 'notifyDeliveryFailed', { channel: d.channel, recipient: d.recipient, error: d.error ?? '-' }));
      ctx.out.line(t(ctx.lang, 'notifySummary', { ok: deliveries.filter((d) => d.ok).length, total: deliveries.length }));
    }
  } catch (e) {
    // configuration or rendering problem: reported, never raised
    try {
      ctx.out.warn(t(ctx.lang, 'notifyDeliveryFailed', { channel: '-', recipient: '-', error: `internal error (${(e as Error)?.name ?? 'Error'})` }));
    } catch {
      // nothing more to do
    }
  }
  return deliveries;
}

export interface NotifyTestResult {
  ok: boolean;
  /** false when no channel is configured */
  configured: boolean;
  deliveries: Delivery[];
}

/** `reprise notify test`: a `test` event through every configured channel; the CLI prints each result. */
export async function notifyTest(ctx: OpContext, opts: Omit<NotifyEventOptions, 'print'> = {}): Promise<NotifyTestResult> {
  const channels = opts.channels ?? configuredChannels(ctx.project, ctx.env);
  if (channels.length === 0) return { ok: true, configured: false, deliveries: [] };
  // the version named in the test is the last one reprise put in place (no engine call: works without Docker)
  let version = '-';
  try {
    version = ctx.store.listReleases(ctx.project.name, { limit: 1 })[0]?.version ?? '-';
  } catch {
    version = '-';
  }
  const deliveries = await notifyEvent(ctx, { type: 'test', version, fromVersion: version === '-' ? null : version }, null, { ...opts, channels, print: false });
  return { ok: deliveries.length > 0 && deliveries.every((d) => d.ok), configured: true, deliveries };
}
