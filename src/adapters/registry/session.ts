// A registry as the client speaks to it: the scheme (https first; a loopback registry, Docker's default
// insecure one, answering plain http is then spoken to in http), the CAs Docker trusts for it, and auth as
// the docker CLI does it: on a 401, Basic credentials or a bearer token from the challenge's realm, kept per
// scope for the session's life. Each exchange is bounded by timeoutMs and the call's deadline; no retry
// beyond the auth handshake.
import { isLoopbackRegistry } from '../../domain/image-ref';
import { findChallenge, parseWwwAuthenticate } from '../../domain/www-authenticate';
import { certsFolder, trustedCAs } from './ca';
import type { RegistryCredentials } from './credentials';
import { RegistryError } from './errors';
import { isTlsProtocolError, transportFailure } from './failure';
import { basicAuthorization, fetchBearerToken } from './token';
import { exchange, headerText, type Answer } from './transport';

export interface SessionOptions {
  credentials: RegistryCredentials | null;
  timeoutMs: number;
  callTimeoutMs: number;
  env: NodeJS.ProcessEnv;
}

export class RegistrySession {
  private scheme: 'https' | 'http' = 'https';
  /** the registry asked for Basic credentials: they go with every request */
  private basic = false;
  private readonly tokens = new Map<string, string>();
  private readonly cas = new Map<string, Promise<string[] | undefined>>();
  /** `registry HOST`, how messages name it */
  readonly who: string;

  constructor(
    readonly host: string,
    private readonly opts: SessionOptions,
  ) {
    this.who = `registry ${host}`;
  }

  /** When a call started now must be done. */
  deadline(): number {
    return Date.now() + this.opts.callTimeoutMs;
  }

  /** The URL of `target` (a path and query) as the session speaks to the registry now. */
  url(target: string): URL {
    return new URL(`${this.scheme}://${this.host}${target}`);
  }

  /** One request with the auth handshake: a 401 is answered once (credentials or a token), then retried. */
  async send(method: 'GET' | 'HEAD', target: string, headers: Record<string, string>, path: string, deadline: number): Promise<Answer> {
    const scope = `repository:${path}:pull`;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.exchange(method, target, { ...headers, ...this.authorization(scope) }, deadline);
      if (answer.status !== 401) return answer;
      if (attempt > 0) throw this.refused(path, this.tokens.has(scope));
      await this.authenticate(answer, scope, path, deadline);
    }
  }

  private authorization(scope: string): Record<string, string> {
    const token = this.tokens.get(scope);
    if (token) return { Authorization: `Bearer ${token}` };
    if (this.basic && this.opts.credentials) return { Authorization: basicAuthorization(this.opts.credentials) };
    return {};
  }

  private async authenticate(answer: Answer, scope: string, path: string, deadline: number): Promise<void> {
    const challenges = parseWwwAuthenticate(headerText(answer.headers['www-authenticate']) ?? '');
    const bearer = findChallenge(challenges, 'bearer');
    if (bearer?.params.realm) {
      const token = await fetchBearerToken({
        host: this.host,
        challenge: bearer,
        scope,
        credentials: this.opts.credentials,
        timeoutMs: this.remaining(deadline),
        ca: (h) => this.ca(h),
        certsFolder: (h) => certsFolder(h, this.opts.env),
      });
      this.tokens.set(scope, token);
      return;
    }
    if (findChallenge(challenges, 'basic')) {
      // credentials already sent and refused: retrying them would be refused again
      if (!this.opts.credentials || this.basic) throw this.refused(path, false);
      this.basic = true;
      return;
    }
    const offered = challenges.map((c) => c.scheme).join(', ') || 'none';
    throw new RegistryError('auth', this.host, `${this.who} asks for an authentication reprise does not know (${offered})`);
  }

  private refused(path: string, withToken: boolean): RegistryError {
    const none = 'no credentials are configured for it (docker login)';
    const why = withToken
      ? `refused the token of its token service for ${path}${this.opts.credentials ? '' : `: ${none}`}`
      : this.opts.credentials
        ? `rejected the credentials configured for it (reading ${path})`
        : `asks for credentials (reading ${path}): ${none}`;
    return new RegistryError('auth', this.host, `${this.who} ${why}`);
  }

  /** One exchange with the registry, https first; a loopback registry answering plain http is then spoken to in http. */
  private async exchange(method: 'GET' | 'HEAD', target: string, headers: Record<string, string>, deadline: number): Promise<Answer> {
    for (;;) {
      const url = this.url(target);
      try {
        const ca = this.scheme === 'https' ? await this.ca(this.host) : undefined;
        return await exchange({ method, url, headers, timeoutMs: this.remaining(deadline), ca });
      } catch (e) {
        if (e instanceof RegistryError) throw e;
        if (this.scheme === 'https' && isLoopbackRegistry(this.host) && isTlsProtocolError(e)) {
          this.scheme = 'http';
          continue;
        }
        throw transportFailure(this.host, this.who, e, certsFolder(this.host, this.opts.env));
      }
    }
  }

  /** What is left of the call's time for one exchange, at most timeoutMs. */
  private remaining(deadline: number): number {
    const left = deadline - Date.now();
    if (left <= 0) throw new RegistryError('unreachable', this.host, `${this.who} did not complete the call within ${this.opts.callTimeoutMs} ms`);
    return Math.min(this.opts.timeoutMs, left);
  }

  private ca(host: string): Promise<string[] | undefined> {
    let p = this.cas.get(host);
    if (!p) {
      p = trustedCAs(host, this.opts.env);
      this.cas.set(host, p);
    }
    return p;
  }
}
