// POST /api/rollback: the page's rollback, only with a token, checked before anything runs.
import type { IncomingMessage } from 'node:http';
import { RepriseError } from '../../domain/errors';
import { assertValidVersion } from '../../domain/version';
import { answerFrom, envParam } from '../context';
import { BodyTooLarge, readBody } from '../http';
import { clientAddress } from '../client-address';
import type { Handler, Route } from './route';

interface RollbackRequest {
  version: string | undefined;
  reason: string;
}

async function readRequest(req: IncomingMessage): Promise<RollbackRequest> {
  // a JSON body cannot be sent cross-site without a preflight this server never grants
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'Content-Type must be application/json' });
  let body: { version?: unknown; reason?: unknown };
  try {
    body = JSON.parse((await readBody(req)) || '{}') as typeof body;
  } catch (e) {
    throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: e instanceof BodyTooLarge ? e.message : 'the body is not JSON' });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'the body must be a JSON object' });
  const version = body.version === undefined || body.version === null || body.version === '' ? undefined : body.version;
  if (version !== undefined) {
    if (typeof version !== 'string') throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'version must be a string' });
    assertValidVersion(version);
  }
  if (body.reason !== undefined && (typeof body.reason !== 'string' || body.reason.length > 500)) {
    throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'reason must be a string of at most 500 characters' });
  }
  const reason = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : 'rollback from the dashboard';
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
