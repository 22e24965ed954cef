// The CAs Docker trusts for a registry: node's default ones plus every `*.crt` in the docker daemon's
// certs.d folder for that host (`/etc/docker/certs.d/127.0.0.1:5000/ca.crt`). REPRISE_DOCKER_CERTS_DIR
// names another certs.d folder (a rootless daemon's, or a test's).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { RegistryError } from './errors';

export const DEFAULT_DOCKER_CERTS_DIR = '/etc/docker/certs.d';

export function dockerCertsDir(env: NodeJS.ProcessEnv): string {
  return env.REPRISE_DOCKER_CERTS_DIR || DEFAULT_DOCKER_CERTS_DIR;
}

/** The host's folder under certs.d: `[::1]:5000` as written, a colon kept (as docker names it). */
export function certsFolder(host: string, env: NodeJS.ProcessEnv): string {
  return join(dockerCertsDir(env), host.replace(/[/\\]/g, '_'));
}

/** The CAs to trust for `host`: undefined (node's defaults) when its certs.d folder holds no `*.crt`. */
export async function trustedCAs(host: string, env: NodeJS.ProcessEnv): Promise<string[] | undefined> {
  const dir = certsFolder(host, env);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.crt')).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new RegistryError('protocol', host, `cannot read the CA folder ${dir} for registry ${host} (${code ?? 'error'})`);
  }
  if (names.length === 0) return undefined;
  const extra = await Promise.all(
    names.map((n) =>
      readFile(join(dir, n), 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new RegistryError('protocol', host, `cannot read the CA file ${join(dir, n)} for registry ${host} (${e.code ?? 'error'})`);
      }),
    ),
  );
  return [...rootCertificates, ...extra];
}
