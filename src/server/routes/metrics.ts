// GET /metrics: the Prometheus exposition of every environment: the history read afresh at each scrape, the
// live status shared with /api/status for a few seconds.
import { doraFigures } from '../../domain/dora';
import { t } from '../../domain/messages';
import { status } from '../../commands/queries';
import { cachedStatus, inContext, storeGeneration, type RouteContext } from '../context';
import { send } from '../http';
import { exposition, type ScrapeSource } from '../prometheus';
import type { Route } from './route';

function scrape(rc: RouteContext): Promise<ScrapeSource[]> {
  const { sources } = rc;
  return Promise.all(
    sources.environments.map((env) =>
      inContext(sources, env, false, async (ctx) => {
        // the history is read once: the counters and the DORA figures come from the same list
        const releases = ctx.store.listReleases(ctx.project.name);
        return {
          project: ctx.project.name,
          environment: env,
          releases,
          notifications: ctx.store.listEvents(ctx.project.name, { type: 'notification' }),
          dora: doraFigures(releases, ctx.now()),
          // live probes and Docker calls: shared between scrapes for a few seconds (a scrape every 5 s costs nothing)
          status: await cachedStatus(rc, env, storeGeneration(ctx), () => status(ctx).catch(() => null)),
        };
      }),
    ),
  );
}

export const metricsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/metrics',
    // a scraper reads text, not the JSON error
    denied: (_rc, { res, lang }) => send(res, 401, 'text/plain; charset=utf-8', `${t(lang, 'dashboardUnauthorized')}\n`, { 'WWW-Authenticate': 'Bearer realm="reprise"' }),
    handle: async (rc, { res }) => {
      const { contentType, text } = await exposition(await scrape(rc));
      send(res, 200, contentType, text);
    },
  },
];
