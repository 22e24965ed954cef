// GET /metrics: the Prometheus exposition of every environment, read afresh at each scrape.
import { doraFigures } from '../../domain/dora';
import { t } from '../../domain/messages';
import { status } from '../../commands/queries';
import { inContext, type RouteContext } from '../context';
import { send } from '../http';
import { exposition, type ScrapeSource } from '../prometheus';
import type { Route } from './route';

function scrape({ sources }: RouteContext): Promise<ScrapeSource[]> {
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
          status: await status(ctx).catch(() => null),
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
