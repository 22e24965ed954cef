// A route: one method on one path (or on every path under a prefix), the handler, and who may call it.
import type { RouteContext, RouteRequest } from '../context';

export type Handler = (rc: RouteContext, rq: RouteRequest) => void | Promise<void>;

export interface Route {
  /** HEAD is answered as GET */
  method: 'GET' | 'POST';
  /** the exact path, or with `prefix` every path under it */
  path: string;
  prefix?: true;
  /** served without the token: it holds no data, or it is how the token is given */
  open?: true;
  /** the answer to a request without the token, when not the JSON 401 */
  denied?: Handler;
  handle: Handler;
}
