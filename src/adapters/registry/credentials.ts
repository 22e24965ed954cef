// The credentials `docker login` left for a registry, read as the docker CLI reads them: the CLI's
// config.json ($DOCKER_CONFIG/config.json, else ~/.docker/config.json), then the credential helper it names
// for that registry (`credHelpers`) or for all (`credsStore`), else the file's own `auths` entry.
// Nothing here ever logs or throws a secret: errors name the file or the helper only.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { run } from '../process/run';
import { RegistryError } from './errors';

export interface RegistryCredentials {
  username: string;
  password: string;
}

/** How long a credential helper may take (a desktop keychain may ask the user to unlock it). */
const HELPER_TIMEOUT_MS = 10_000;

/** The address `docker login` files Docker Hub's credentials under. */
const HUB_ADDRESS = 'https://index.docker.io/v1/';
const HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

interface AuthEntry {
  auth?: unknown;
  username?: unknown;
  password?: unknown;
  identitytoken?: unknown;
}

interface DockerConfig {
  auths?: Record<string, AuthEntry | undefined>;
  credHelpers?: Record<string, unknown>;
  credsStore?: unknown;
}

/** The docker CLI's configuration file for this environment. */
export function dockerConfigFile(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG ? join(env.DOCKER_CONFIG, 'config.json') : join(env.HOME || homedir(), '.docker', 'config.json');
}

/** The credentials for `host` (`127.0.0.1:5000`, `ghcr.io`; `docker.io` for Docker Hub), or null when none are configured. */
export async function registryCredentials(host: string, env: NodeJS.ProcessEnv): Promise<RegistryCredentials | null> {
  const file = dockerConfigFile(env);
  const config = await readConfig(host, file);
  if (!config) return null;
  const keys = HUB_NAMES.has(host) ? [HUB_ADDRESS, host] : [host, `https://${host}`];
  const helpers = isRecord(config.credHelpers) ? config.credHelpers : {};
  const named = keys.map((k) => helpers[k]).find((h) => typeof h === 'string' && h !== '');
  const helper = named ?? (typeof config.credsStore === 'string' && config.credsStore !== '' ? config.credsStore : undefined);
  // docker asks the helper only, when one is configured: its "not found" means no credentials
  if (typeof helper === 'string') return fromHelper(host, helper, keys[0], file, env);
  return fromAuths(host, keys, config.auths, file);
}

async function readConfig(host: string, file: string): Promise<DockerConfig | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new RegistryError('auth', host, `cannot read the docker configuration ${file} (${code ?? 'error'}) for the credentials of ${host}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // the parser's message quotes the text, which may hold a credential: never passed on
    throw new RegistryError('auth', host, `the docker configuration ${file} is not valid JSON (credentials of ${host})`);
  }
  if (!isRecord(parsed)) throw new RegistryError('auth', host, `the docker configuration ${file} is not a JSON object`);
  return parsed as DockerConfig;
}

async function fromHelper(host: string, name: string, address: string, file: string, env: NodeJS.ProcessEnv): Promise<RegistryCredentials | null> {
  const program = `docker-credential-${name}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) throw new RegistryError('auth', host, `${file} names an invalid credential helper for ${host}`);
  const failed = (why: string): RegistryError => new RegistryError('auth', host, `the credential helper ${program} (named in ${file}) ${why} for ${host}`);
  let r;
  try {
    r = await run(program, ['get'], { input: address, env, timeoutMs: HELPER_TIMEOUT_MS, maxOutputBytes: 64 * 1024 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw failed(code === 'ENOENT' ? 'is not on PATH' : `could not start (${code ?? 'error'})`);
  }
  if (r.timedOut) throw failed(`did not answer within ${HELPER_TIMEOUT_MS / 1000} s`);
  if (r.exitCode !== 0) {
    // the helpers' protocol: "credentials not found in native keychain" on stdout, a non-zero exit
    if (/credentials not found/i.test(r.stdout) || /credentials not found/i.test(r.stderr)) return null;
    // its output is not quoted: a helper may echo what it was handling
    throw failed(r.signal ? `was killed by ${r.signal}` : `failed (exit code ${r.exitCode})`);
  }
  let answer: unknown;
  try {
    answer = JSON.parse(r.stdout);
  } catch {
    throw failed('answered something that is not JSON');
  }
  if (!isRecord(answer) || typeof answer.Username !== 'string' || typeof answer.Secret !== 'string') {
    throw failed('answered JSON without a Username and a Secret');
  }
  if (answer.Username === '<token>') throw failed('holds an identity token (OAuth), which reprise does not use: log in with a password or an access token');
  if (answer.Username === '' && answer.Secret === '') return null;
  return { username: answer.Username, password: answer.Secret };
}

function fromAuths(host: string, keys: string[], auths: DockerConfig['auths'], file: string): RegistryCredentials | null {
  if (!isRecord(auths)) return null;
  // an exact key first, then any key naming the same host (`https://host/v1/`), as docker's ConvertToHostname
  const key = keys.find((k) => isRecord(auths[k])) ?? Object.keys(auths).find((k) => isRecord(auths[k]) && hostnameOf(k) === hostnameOf(keys[0]));
  const entry = key === undefined ? undefined : auths[key];
  if (!entry) return null;
  const invalid = (why: string): RegistryError => new RegistryError('auth', host, `the auths entry for ${key} in ${file} ${why}`);
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0 || !/^[A-Za-z0-9+/=\s]+$/.test(entry.auth)) throw invalid('is not base64 of user:password');
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && entry.username !== '' && typeof entry.password === 'string') {
    return { username: entry.username, password: entry.password };
  }
  if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
    throw invalid('holds an identity token (OAuth), which reprise does not use: log in with a password or an access token');
  }
  return null;
}

/** `https://ghcr.io/v1/` → `ghcr.io`: a key of `auths` as the host it stands for. */
function hostnameOf(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').split('/')[0];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
