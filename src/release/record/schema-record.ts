// The schema head a release ran with (issue 22): read through `data.schema` once the release is good, recorded
// with it; what a rollback compares. Reading never fails an operation: a warning says why it was not read.
import { serviceContainer } from '../../domain/containers';
import { t } from '../../domain/messages';
import { parseSchemaHead, schemaChange, schemaHeadCommand, schemaSettingOf, type SchemaChange } from '../../domain/schema-head';
import { redact } from '../../domain/redact';
import { projectSecrets, say, warn, type OpContext } from '../context';

const READ_TIMEOUT_MS = 20_000;

/** The head the database has now; null (with a warning) when it cannot be read, undefined when none is configured. */
export async function readSchemaHead(ctx: OpContext, quiet = false): Promise<string | null | undefined> {
  const setting = schemaSettingOf(ctx.project.config.data);
  if (!setting) return undefined;
  try {
    const c = serviceContainer(await ctx.engine.containers(), setting.service);
    if (!c || c.state !== 'running') throw new Error(c ? `its container is ${c.state}` : 'it has no container');
    const { cmd, env } = schemaHeadCommand(setting, ctx.project.config.data?.services[setting.service]?.kind);
    const r = await ctx.engine.readInContainer(c.id, cmd, env, READ_TIMEOUT_MS);
    if (r.exitCode !== 0) throw new Error(r.exitCode === null ? 'it did not answer in time' : `exit ${r.exitCode}: ${r.output.trim().split('\n').slice(-1)[0] ?? ''}`);
    // what it answered on stdout: a warning on stderr (a deprecation, a locale) is never taken for the head
    const head = parseSchemaHead(r.stdout);
    if (head === null) throw new Error('it printed nothing');
    // recorded and shown: never a secret, whatever the command prints
    return redact(head, projectSecrets(ctx));
  } catch (e) {
    if (!quiet) warn(ctx, 'schemaHeadUnread', { service: setting.service, reason: redact((e as Error).message, projectSecrets(ctx)) });
    return null;
  }
}

/** After a good release: its schema head, recorded with it (nothing when none is configured or it cannot be read). */
export async function recordSchemaHead(ctx: OpContext, releaseId: number): Promise<string | null> {
  const head = await readSchemaHead(ctx);
  if (!head) return null;
  ctx.store.recordSchemaHead(releaseId, head);
  return head;
}

/** A rollback to `target`: the head now and the one recorded with the target; null when data.schema is not set. */
export async function schemaFor(ctx: OpContext, target: string, quiet = false): Promise<SchemaChange | null> {
  const now = await readSchemaHead(ctx, quiet);
  if (now === undefined) return null;
  return schemaChange(now, ctx.store.schemaHeadOf(ctx.project.name, target));
}

/** `schema: NOW → TARGET` under the plan, and, when they differ and the data stays, what that means and the choices. */
export function printSchema(ctx: OpContext, s: SchemaChange | null, version: string, restoreData: boolean): void {
  if (!s) return;
  const unknown = t(ctx.lang, 'schemaUnknown');
  say(ctx, 'schemaPlan', { now: s.now ?? unknown, target: s.target ?? unknown });
  if (s.differs && !restoreData) warn(ctx, 'schemaDiffers', { version, now: s.now ?? unknown, target: s.target ?? unknown });
}
