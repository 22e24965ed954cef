// One file copied out of a container or into it through the Engine API's archive endpoints (`docker cp`), as a
// stream: never held in memory whole. Out: GET /containers/{id}/archive?path=… gives a tar of one entry, its
// content goes to a new private file (0600, never through a symbolic link) and a SHA-256. In: a tar of one
// entry is made from the file as it is read and PUT into the destination folder.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, pack } from 'tar-stream';
import { openNewPrivateFile } from '../fs/private';
import type { DockerApi } from './api';

const enc = encodeURIComponent;

/** The content of the file at `path` in the container into a new 0600 `file`; its size and SHA-256. */
export async function copyFileFromContainer(api: DockerApi, containerId: string, path: string, file: string, timeoutMs: number): Promise<{ bytes: number; sha256: string }> {
  const archive = await api.download(`/containers/${enc(containerId)}/archive?path=${enc(path)}`, timeoutMs);
  const fd = openNewPrivateFile(file);
  // the stream owns the descriptor and closes it, once (destroying a stream closes its fd whatever autoClose
  // says: closing it here as well raced that close, and one of them hit EBADF or a file opened since)
  const out = fs.createWriteStream('', { fd });
  const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
  const hash = createHash('sha256');
  let bytes = 0;
  let found = false;
  const tar = extract();
  // a write error (a full disk) ends the copy with it
  out.on('error', (e) => tar.destroy(e));
  tar.on('entry', (header, body, next) => {
    body.on('end', () => next());
    // the archive of a file holds that file alone, under its own name (a folder's would hold its content)
    if (found || header.type !== 'file' || header.name !== basename(path)) {
      body.resume();
      return;
    }
    found = true;
    body.on('data', (chunk) => {
      const c = chunk as Buffer;
      hash.update(c);
      bytes += c.length;
      if (!out.write(c)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    });
  });
  try {
    await pipeline(archive, tar);
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end((e?: Error | null) => (e ? reject(e) : resolve()));
    });
  } catch (e) {
    out.destroy();
    await closed;
    fs.rmSync(file, { force: true });
    throw e;
  }
  await closed;
  if (!found) {
    fs.rmSync(file, { force: true });
    throw new Error(`${path} is not a file in the container`);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** `file` into the container as `destination` (its folder must exist), owned by `uid`:`gid`, mode 0600. */
export async function copyFileToContainer(api: DockerApi, containerId: string, file: string, destination: string, owner: { uid: number; gid: number }, timeoutMs: number): Promise<void> {
  const tar = pack();
  const size = fs.statSync(file).size;
  const entry = tar.entry({ name: basename(destination), size, mode: 0o600, uid: owner.uid, gid: owner.gid, mtime: new Date() }, (e) => {
    if (e) tar.destroy(e);
    else tar.finalize();
  });
  fs.createReadStream(file).on('error', (e) => tar.destroy(e)).pipe(entry);
  await api.upload(`/containers/${enc(containerId)}/archive?path=${enc(dirname(destination))}`, tar as unknown as Readable, 'application/x-tar', timeoutMs, 'PUT');
}
