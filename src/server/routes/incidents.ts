// GET /incidents/<dir>/<file>: an incident report from the project's logs/incidents, secrets masked;
// nothing outside that folder.
import type { ServerResponse } from 'node:http';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { RepriseError } from '../../domain/errors';
import { redact } from '../../domain/redact';
import { envParam, inContext, type RouteContext } from '../context';
import { notFound } from '../failure';
import { send } from '../http';
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

export const incidentRoutes: Route[] = [
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
