// Pushes a minimal valid image to a test registry through the Registry HTTP API, no Docker engine needed:
// a config blob (JSON) and one layer blob (a gzipped tar holding one file), each uploaded monolithically
// (POST an upload, PUT ?digest=…), then the schema 2 manifest under the tag. The same content gives the same
// digest; another content under the same tag moves it. deleteTestImage removes a manifest (and so every tag
// on it) as `storage.delete.enabled` allows.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** What pushTestImage needs of a test registry (registry-server.ts's TestRegistry). */
export interface PushTarget {
  url: string;
  caFile: string | null;
}

export interface PushCredentials {
  username: string;
  password: string;
}

const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

/** Pushes `path:tag` holding one file with `content`; returns the manifest's digest. */
export async function pushTestImage(registry: PushTarget, path: string, tag: string, content: string, creds?: PushCredentials): Promise<string> {
  const ca = registry.caFile ? readFileSync(registry.caFile, 'utf8') : undefined;
  const auth = basic(creds);
  const send = (method: string, target: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> =>
    request(new URL(target, registry.url), method, { ...auth, ...headers }, body, ca);

  const tar = await tarOf('content.txt', content);
  const layer = gzipSync(tar);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: ['/bin/true'] },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    }),
  );
  for (const blob of [config, layer]) {
    const upload = await send('POST', `/v2/${path}/blobs/uploads/`, {});
    expect(upload, 202, `POST /v2/${path}/blobs/uploads/`);
    const location = new URL(String(upload.headers.location), registry.url);
    location.searchParams.set('digest', sha256(blob));
    const put = await send('PUT', location.toString(), { 'Content-Type': 'application/octet-stream', 'Content-Length': String(blob.length) }, blob);
    expect(put, 201, `PUT blob ${sha256(blob)}`);
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_V2,
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha256(config) },
      layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: sha256(layer) }],
    }),
  );
  const put = await send('PUT', `/v2/${path}/manifests/${tag}`, { 'Content-Type': MANIFEST_V2, 'Content-Length': String(manifest.length) }, manifest);
  expect(put, 201, `PUT manifest ${path}:${tag}`);
  const digest = sha256(manifest);
  if (put.headers['docker-content-digest'] !== digest) throw new Error(`registry stored ${path}:${tag} as ${String(put.headers['docker-content-digest'])}, not ${digest}`);
  return digest;
}

/** Deletes the manifest `digest` of `path` (every tag pointing to it goes with it). */
export async function deleteTestImage(registry: PushTarget, path: string, digest: string, creds?: PushCredentials): Promise<void> {
  const ca = registry.caFile ? readFileSync(registry.caFile, 'utf8') : undefined;
  const reply = await request(new URL(`/v2/${path}/manifests/${digest}`, registry.url), 'DELETE', basic(creds), undefined, ca);
  expect(reply, 202, `DELETE manifest ${path}@${digest}`);
}

function basic(creds: PushCredentials | undefined): Record<string, string> {
  return creds ? { Authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` } : {};
}

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

async function tarOf(name: string, content: string): Promise<Buffer> {
  const tar = pack();
  tar.entry({ name, mode: 0o644, mtime: new Date(0) }, content);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const c of tar) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function expect(reply: Reply, status: number, what: string): void {
  if (reply.status !== status) throw new Error(`${what}: HTTP ${reply.status} ${reply.body.slice(0, 300)}`);
}

function request(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, ca: string | undefined): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = { method, headers, agent: false, ca, timeout: 10_000 };
    const req = (url.protocol === 'https:' ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname}: no answer within 10 s`)));
    req.on('error', reject);
    req.end(body);
  });
}
