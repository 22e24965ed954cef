// How a request that went wrong is answered: the JSON error shape of the CLI's --json, and its HTTP status.
import type { ServerResponse } from 'node:http';
import { EXIT, isRepriseError, RepriseError } from '../domain/errors';
import { t, type Lang } from '../domain/messages';
import { masked, type RouteContext } from './context';
import { sendJson } from './http';

export function fail(rc: RouteContext, res: ServerResponse, lang: Lang, httpStatus: number, e: unknown, extra: Record<string, string> = {}): void {
  if (isRepriseError(e)) {
    sendJson(res, httpStatus, masked(rc, { ok: false, error: { code: e.code, message: t(lang, e.key, e.params), details: e.details } }), extra);
    return;
  }
  const message = t(lang, 'operationFailed', { reason: (e as Error)?.message ?? String(e) });
  sendJson(res, httpStatus, masked(rc, { ok: false, error: { code: 'OPERATION_FAILED', message, details: {} } }), extra);
}

/** the status of an error thrown by a route: usage 400, lock held 409, not found 404, the rest 500 */
export function statusFor(e: unknown): number {
  if (!isRepriseError(e)) return 500;
  if (e.key === 'dashboardNotFound') return 404;
  if (e.exitCode === EXIT.USAGE) return 400;
  if (e.exitCode === EXIT.LOCKED) return 409;
  return 500;
}

export function notFound(path: string): RepriseError {
  return new RepriseError('USAGE', 'dashboardNotFound', { path: path.slice(0, 200) });
}
