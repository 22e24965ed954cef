// A small client of the Registry HTTP API v2: a repository's tags, and the digest a tag points to. How it
// speaks to the registry (https or loopback http, the CAs Docker trusts, Basic or bearer auth, time bounds)
// is session.ts. Errors are RegistryError: one line naming the host, never a credential or a token.
import { isValidReference, isValidRepositoryPath } from '../../domain/image-ref';
import { nextLink } from '../../domain/link-header';
import type { RegistryCredentials } from './credentials';
import { RegistryError } from './errors';
import { errorCodes, httpFailure } from './failure';
import { RegistrySession } from './session';
import { headerText, type Answer } from './transport';

export { RegistryError, type RegistryErrorKind } from './errors';

export interface RegistryClientOptions {
  /** the registry's credentials (registryCredentials()), none for anonymous access */
  credentials?: RegistryCredentials | null;
  /** the bound of each HTTP exchange (default 5000 ms) */
  timeoutMs?: number;
  /** the bound of a whole call, pagination and token included (default 4 × timeoutMs) */
  callTimeoutMs?: number;
  /** where REPRISE_DOCKER_CERTS_DIR is read (default process.env) */
  env?: NodeJS.ProcessEnv;
}

/** What a digest may be asked for: the manifest kinds a pull accepts (Docker v2, OCI, and their lists). */
export const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
];

/** The most pages of a tag list followed. */
export const MAX_TAG_PAGES = 20;

export class RegistryClient {
  private readonly session: RegistrySession;
  private readonly who: string;

  constructor(
    readonly host: string,
    opts: RegistryClientOptions = {},
  ) {
    const timeoutMs = opts.timeoutMs ?? 5000;
    this.session = new RegistrySession(host, {
      credentials: opts.credentials ?? null,
      timeoutMs,
      callTimeoutMs: opts.callTimeoutMs ?? 4 * timeoutMs,
      env: opts.env ?? process.env,
    });
    this.who = this.session.who;
  }

  /** The repository's tags, in the registry's order; [] when the registry does not know the repository. */
  async tags(path: string): Promise<string[]> {
    this.checkPath(path);
    const deadline = this.session.deadline();
    const what = `the tag list of ${path}`;
    const tags: string[] = [];
    let target = `/v2/${path}/tags/list`;
    for (let page = 0; page < MAX_TAG_PAGES; page++) {
      const answer = await this.session.send('GET', target, { Accept: 'application/json' }, path, deadline);
      if (answer.status === 404 && page === 0) {
        // NAME_UNKNOWN: no such repository (yet); any other 404 is not a registry's tag list
        if (errorCodes(answer.body).includes('NAME_UNKNOWN')) return [];
      }
      if (answer.status !== 200) throw httpFailure(this.host, this.who, what, answer);
      tags.push(...this.tagsOf(answer, what));
      const next = nextLink(headerText(answer.headers.link));
      if (!next) break;
      target = this.samePlace(next, target, what);
    }
    return tags;
  }

  /** The digest `reference` (a tag or a digest) points to, null when the registry has no such manifest. */
  async digest(path: string, reference: string): Promise<string | null> {
    this.checkPath(path);
    if (!isValidReference(reference)) throw new RegistryError('not_found', this.host, `"${reference}" is not a valid tag or digest`);
    const deadline = this.session.deadline();
    const answer = await this.session.send('HEAD', `/v2/${path}/manifests/${reference}`, { Accept: MANIFEST_TYPES.join(', ') }, path, deadline);
    if (answer.status === 404) return null;
    const what = `the manifest ${path}:${reference}`;
    if (answer.status !== 200) throw httpFailure(this.host, this.who, what, answer);
    const digest = headerText(answer.headers['docker-content-digest']);
    if (!digest || !/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/.test(digest)) {
      throw new RegistryError('protocol', this.host, `${this.who} answered ${what} without a valid Docker-Content-Digest header`);
    }
    return digest;
  }

  private checkPath(path: string): void {
    if (!isValidRepositoryPath(path)) throw new RegistryError('not_found', this.host, `"${path}" is not a valid repository path`);
  }

  private tagsOf(answer: Answer, what: string): string[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body.toString('utf8'));
    } catch {
      throw new RegistryError('protocol', this.host, `${this.who} answered ${what} with something that is not JSON`);
    }
    const tags = (parsed as { tags?: unknown } | null)?.tags;
    if (tags === null || tags === undefined) return []; // a repository whose tags were all deleted
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
      throw new RegistryError('protocol', this.host, `${this.who} answered ${what} without a list of tags`);
    }
    return tags as string[];
  }

  /** The next page's path and query: a link to another host or outside the API is refused. */
  private samePlace(link: string, current: string, what: string): string {
    const base = this.session.url(current);
    let next: URL;
    try {
      next = new URL(link, base);
    } catch {
      throw new RegistryError('protocol', this.host, `${this.who} answered ${what} with an invalid next-page link`);
    }
    if (next.host !== base.host || !next.pathname.startsWith('/v2/')) {
      throw new RegistryError('protocol', this.host, `${this.who} answered ${what} with a next page elsewhere (${next.host})`);
    }
    return `${next.pathname}${next.search}`;
  }
}
