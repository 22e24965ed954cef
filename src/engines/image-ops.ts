// ImageOps: images fetched and named on the engine before a release changes anything (issue 21): pulled by
// tag or by digest from a registry, and tagged with the version compose will run; or shipped from another
// engine without a registry (`reprise ship`: save there, load here, streamed).
import type { Readable } from 'node:stream';

/** A registry's credentials, as the Engine API's X-Registry-Auth carries them. */
export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

export interface ImageInfo {
  /** sha256:… */
  id: string;
  /** repository@sha256:… of every registry the image was pulled from or pushed to */
  repoDigests: string[];
}

export interface ImageOps {
  /** The local image `reference` (repo:tag, repo@digest or an ID) names; null when there is none. */
  imageInfo(reference: string): Promise<ImageInfo | null>;
  /**
   * Pulls `reference` (repo:tag or repo@sha256:…) onto the engine; each progress line (e.g. "abc123: Downloading")
   * goes to `onProgress`. Rejects with the engine's or registry's message when the pull fails.
   */
  pullImage(reference: string, auth: RegistryAuth | null, onProgress?: (line: string) => void): Promise<void>;
  /** Names the local image `id` repository:tag (moving the tag when it named another image). */
  tagImage(id: string, repository: string, tag: string): Promise<void>;
  /** `docker save` of these references, as a stream of the tar archive (never held in memory whole). */
  saveImages(references: string[]): Promise<Readable>;
  /** `docker load` of a tar archive streamed from `archive`; resolves with what the engine said it loaded. */
  loadImages(archive: Readable): Promise<string[]>;
}
