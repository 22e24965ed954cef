// POST /api/rollback: the page's rollback, only with a token; its JSON body is checked against a schema (zod)
// before anything runs.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { RepriseError } from '../../domain/errors';
import { assertValidVersion } from '../../domain/version';
import { answerFrom, envParam } from '../context';
import { readJsonObject } from '../http';
import { clientAddress } from '../client-address';
import type { Handler, Route } from './route';

/** the body the page sends, checked before anything runs (the version's own rule is domain/version's) */
const rollbackBody = z.object({
  version: z.union([z.string().max(200), z.null()]).optional(),
  reason: z.string().max(500, 'reason must be a string of at most 500 characters').optional(),
});

interface RollbackRequest {
  version: string | undefined;
  reason: string;
}

async function readRequest(req: IncomingMessage): Promise<RollbackRequest> {
  const raw = await readJsonObject(req);
  const parsed = rollbackBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join('.');
    throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: field === 'reason' ? 'reason must be a string of at most 500 characters' : `${field} must be a string` });
  }
  const body = parsed.data;
  const version = body.version === undefined || body.version === null || body.version === '' ? undefined : assertValidVersion(body.version);
  const reason = body.reason?.trim() || 'rollback from the dashboard';
  return { version, reason };
}

const rollbackFromPage: Handler = async (rc, rq) => {
  const env = envParam(rc, rq.url);
  if (!rc.auth.enabled) throw new RepriseError('USAGE', 'dashboardReadOnly', {});
  const { version, reason } = await readRequest(rq.req);
  const { rollback } = await import('../../commands/rollback');
  const client = clientAddress(rq.req, rc.trustedProxies);
  const work = answerFrom(rc, rq, env, true, async (ctx) => {
    const r = await rollback(ctx, { version, yes: true, reason, trigger: 'dashboard' });
    // who asked: the release says `trigger: dashboard`, this event which client (the server's user ran it)
    ctx.store.addEvent(ctx.project.name, 'dashboard_rollback', `rollback to ${r.version} requested from the dashboard by ${client}`, { client, version: r.version }, r.releaseId);
    return r;
  });
  // tracked until it ends, failed or not: close() waits for it
  const tracked = work.catch(() => undefined).finally(() => rc.running.delete(tracked));
  rc.running.add(tracked);
  await work;
};

export const rollbackRoutes: Route[] = [{ method: 'POST', path: '/api/rollback', handle: rollbackFromPage }];
