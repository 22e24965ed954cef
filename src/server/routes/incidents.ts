// GET /incidents/<dir>/<file>: an incident report from the project's logs/incidents, secrets masked;
// nothing outside that folder. GET /api/incidents: the incidents (`incident list --json`); POST
// /api/incidents/ack {"id": N}: a logged-in user acknowledges one (token only), which stops its escalation.
import type { ServerResponse } from 'node:http';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { RepriseError } from '../../domain/errors';
import { redact } from '../../domain/redact';
import { answerFrom, envParam, inContext, type RouteContext } from '../context';
import { clientAddress } from '../client-address';
import { parseIncidentId } from '../../domain/incidents';
import type { IncomingMessage } from 'node:http';
import { notFound } from '../failure';
import { readJsonObject, send } from '../http';
import type { Route } from './route';

const INCIDENT_DIR = /^[A-Za-z0-9_.-]{1,200}$/;

function incidentFile(rc: RouteContext, res: ServerResponse, env: string | null, dir: string, file: string): Promise<void> {
  return inContext(rc.sources, env, false, (ctx) => {
    const root = resolve(ctx.project.dir, 'logs', 'incidents');
    const path = resolve(root, dir, file);
    const inside = (): boolean => {
      // symbolic links are followed: what counts is where the file really is
      const real = realpathSync(path);
      return real.startsWith(realpathSync(root) + sep) && statSync(real).isFile();
    };
    if (!INCIDENT_DIR.test(dir) || !INCIDENT_DIR.test(file) || dir.startsWith('.') || file.startsWith('.') || !path.startsWith(root + sep) || !existsSync(path) || !inside()) {
      throw new RepriseError('USAGE', 'dashboardNotFound', { path: `${dir}/${file}` });
    }
    send(res, 200, 'text/plain; charset=utf-8', redact(readFileSync(path, 'utf8'), rc.secrets));
  });
}

async function ackId(req: IncomingMessage): Promise<number> {
  const { id } = await readJsonObject(req);
  const n = typeof id === 'number' && Number.isSafeInteger(id) ? parseIncidentId(String(id)) : null;
  if (n === null) throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'id must be a positive integer (an incident of /api/incidents)' });
  return n;
}

export const incidentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/incidents',
    handle: async (rc, rq) => {
      const env = envParam(rc, rq.url);
      const { listIncidents } = await import('../../commands/incidents');
      return answerFrom(rc, rq, env, false, (ctx) => listIncidents(ctx));
    },
  },
  {
    method: 'POST',
    path: '/api/incidents/ack',
    handle: async (rc, rq) => {
      const env = envParam(rc, rq.url);
      if (!rc.auth.enabled) throw new RepriseError('USAGE', 'dashboardReadOnly', {});
      const id = await ackId(rq.req);
      const client = clientAddress(rq.req, rc.trustedProxies);
      const { acknowledgeIncident } = await import('../../commands/incidents');
      return answerFrom(rc, rq, env, true, (ctx) => acknowledgeIncident(ctx, id, `${ctx.user} (dashboard, ${client})`));
    },
  },
  {
    method: 'GET',
    path: '/incidents/',
    prefix: true,
    handle: (rc, { res, url }) => {
      const path = url.pathname;
      const incident = /^\/incidents\/([^/]+)\/([^/]+)$/.exec(path);
      if (!incident) throw notFound(path);
      let dir: string;
      let file: string;
      try {
        [dir, file] = [decodeURIComponent(incident[1]), decodeURIComponent(incident[2])];
      } catch {
        throw notFound(path);
      }
      return incidentFile(rc, res, envParam(rc, url), dir, file);
    },
  },
];
