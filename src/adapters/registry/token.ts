// A bearer token from a registry's token service (the Docker token authentication spec): GET the challenge's
// realm with its service and the scope asked for, basic credentials when there are some, and read `token` or
// `access_token` from the JSON answer.
import type { Challenge } from '../../domain/www-authenticate';
import { isLoopbackRegistry } from '../../domain/image-ref';
import type { RegistryCredentials } from './credentials';
import { RegistryError } from './errors';
import { httpFailure, transportFailure } from './failure';
import { exchange } from './transport';

export interface TokenRequest {
  /** the registry the token is for (named in errors) */
  host: string;
  challenge: Challenge;
  scope: string;
  credentials: RegistryCredentials | null;
  timeoutMs: number;
  ca: (host: string) => Promise<string[] | undefined>;
  certsFolder: (host: string) => string;
}

export async function fetchBearerToken(t: TokenRequest): Promise<string> {
  const registry = `registry ${t.host}`;
  let realm: URL;
  try {
    realm = new URL(t.challenge.params.realm ?? '');
  } catch {
    throw new RegistryError('protocol', t.host, `${registry} asks for a bearer token without a valid realm URL`);
  }
  if (realm.protocol !== 'https:' && realm.protocol !== 'http:') {
    throw new RegistryError('protocol', t.host, `${registry} asks for a bearer token from a ${realm.protocol} realm`);
  }
  const who = `the token service of ${registry} (${realm.host})`;
  if (t.challenge.params.service) realm.searchParams.set('service', t.challenge.params.service);
  realm.searchParams.set('scope', t.scope);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (t.credentials) {
    if (realm.protocol === 'http:' && !isLoopbackRegistry(realm.host)) {
      throw new RegistryError('auth', t.host, `${who} is on plain http: reprise does not send credentials there`);
    }
    headers.Authorization = basicAuthorization(t.credentials);
  }
  let answer;
  try {
    answer = await exchange({ method: 'GET', url: realm, headers, timeoutMs: t.timeoutMs, ca: realm.protocol === 'https:' ? await t.ca(realm.host) : undefined });
  } catch (e) {
    throw transportFailure(t.host, who, e, t.certsFolder(realm.host));
  }
  if (answer.status === 401 || answer.status === 403) {
    const why = t.credentials ? 'rejected the credentials configured for it' : 'refused an anonymous token (no credentials are configured for it)';
    throw new RegistryError('auth', t.host, `${who} ${why} (HTTP ${answer.status})`);
  }
  if (answer.status !== 200) throw httpFailure(t.host, who, `a token for ${t.scope}`, answer);
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body.toString('utf8'));
  } catch {
    throw new RegistryError('protocol', t.host, `${who} answered a token request with something that is not JSON`);
  }
  const body = (parsed ?? {}) as { token?: unknown; access_token?: unknown };
  const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
  if (typeof token !== 'string' || token === '') throw new RegistryError('protocol', t.host, `${who} answered without a token`);
  return token;
}

export function basicAuthorization(c: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}
