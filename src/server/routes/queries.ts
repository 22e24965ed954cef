// The JSON API's read-only views, each in the shape of the CLI's --json: status, versions, lock, insights,
// history; and what the page needs to start (/api/dashboard).
import { RepriseError } from '../../domain/errors';
import { history, status, versions } from '../../commands/queries';
import { insights } from '../../commands/insights';
import { lockStatus } from '../../commands/lock';
import type { OpContext } from '../../release/context';
import { answerFrom, cachedStatus, envParam, storeGeneration } from '../context';
import { sendJson } from '../http';
import type { Handler, Route } from './route';

/** answers `query` on the environment asked by ?env= (checked first, as on every API path) */
function view(query: (ctx: OpContext) => unknown): Handler {
  return (rc, rq) => {
    const env = envParam(rc, rq.url);
    return answerFrom(rc, rq, env, false, query);
  };
}

function historyLimit(url: URL): number {
  const raw = url.searchParams.get('limit') ?? '50';
  const limit = Number(raw);
  if (!/^\d{1,6}$/.test(raw) || limit < 1) throw new RepriseError('USAGE', 'usagePositiveInteger', { flag: 'limit', value: raw.slice(0, 20) });
  return limit;
}

const dashboard: Handler = (rc, { res, url, lang }) => {
  // ?env= is checked here too, as on every API path
  envParam(rc, url);
  sendJson(res, 200, JSON.stringify({ ok: true, project: rc.sources.project, environments: rc.sources.environments, readOnly: !rc.auth.enabled, canRollback: rc.auth.enabled, lang }));
};

export const queryRoutes: Route[] = [
  { method: 'GET', path: '/api/dashboard', handle: dashboard },
  {
    method: 'GET',
    path: '/api/status',
    // live probes and Docker calls: shared with /metrics for a few seconds, read again at once after a release
    handle: (rc, rq) => {
      const env = envParam(rc, rq.url);
      return answerFrom(rc, rq, env, false, (ctx) => cachedStatus(rc, env, storeGeneration(ctx), () => status(ctx)));
    },
  },
  { method: 'GET', path: '/api/versions', handle: view((ctx) => versions(ctx)) },
  { method: 'GET', path: '/api/lock', handle: view((ctx) => lockStatus(ctx)) },
  { method: 'GET', path: '/api/insights', handle: view((ctx) => insights(ctx)) },
  {
    method: 'GET',
    path: '/api/history',
    handle: (rc, rq) => {
      const env = envParam(rc, rq.url);
      const limit = historyLimit(rq.url);
      return answerFrom(rc, rq, env, false, (ctx) => history(ctx, limit));
    },
  },
];
