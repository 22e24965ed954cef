// Where each version's images are (issue 21): on this engine, only in the project's registry, or nowhere —
// with the image a release of it ran (ID, digest) and whether its tag moved since. The registry is asked
// for its tags with a bounded time; one that does not answer is a warning, never a hang.
import { splitRepository } from '../../domain/image-ref';
import { isValidVersion } from '../../domain/version';
import { RegistryClient } from '../../adapters/registry/client';
import { registryCredentials } from '../../adapters/registry/credentials';
import { warn, type OpContext } from '../context';

export type ImageWhere = 'local' | 'registry' | 'missing';

export interface ServiceImage {
  where: ImageWhere;
  /** what a successful release of the version ran (null when none recorded it) */
  imageId: string | null;
  repoDigest: string | null;
  /** the local tag names another image than the recorded one */
  moved: boolean;
}

export interface Whereabouts {
  /** version → service → where its image is */
  images: Map<string, Record<string, ServiceImage>>;
  /** versions whose every image is local or in the registry but some only in the registry */
  registryOnly: Set<string>;
  /** repositories' tags read from their registries (repository → tags) */
  registryTags: Map<string, Set<string>>;
}

/**
 * A registry tag that can be a version: a valid version name, not `latest`, not a signature or attestation of
 * cosign and the like (`sha256-….sig`, `.att`, `.sbom`).
 */
export function isVersionTag(tag: string): boolean {
  return isValidVersion(tag) && tag !== 'latest' && !/^sha256-[0-9a-f]{64}(\.\w+)?$/.test(tag);
}

type Ctx = Pick<OpContext, 'project' | 'engine' | 'store' | 'env' | 'lang' | 'out'>;

/** The tags of every versioned repository that names a registry; a registry that fails is warned about once. */
export async function registryTags(ctx: Ctx): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const failed = new Set<string>();
  await Promise.all(
    [...new Set(ctx.project.versioned.map((s) => s.repository))].map(async (repository) => {
      const { registry, path } = splitRepository(repository);
      if (!registry) return;
      try {
        // a credential helper that fails is said, not hidden behind the registry's "unauthorized"
        const credentials = await registryCredentials(registry, ctx.env).catch((e: Error) => {
          warn(ctx, 'registryCredentialsUnread', { registry, reason: e.message });
          return null;
        });
        const tags = await new RegistryClient(registry, { credentials, env: ctx.env }).tags(path);
        out.set(repository, new Set(tags.filter(isVersionTag)));
      } catch (e) {
        if (failed.has(registry)) return;
        failed.add(registry);
        warn(ctx, 'registryNotAnswering', { registry, reason: (e as Error).message });
      }
    }),
  );
  return out;
}

/** Where each of `versions`' images is, and which versions only the registry has (added to the list by the caller). */
export async function whereabouts(ctx: Ctx, versions: string[]): Promise<Whereabouts> {
  const tags = await registryTags(ctx);
  const local = await ctx.engine.images(ctx.project.versioned.map((s) => s.repository));
  const localId = (repository: string, version: string): string | null => local.find((i) => i.repository === repository && i.tag === version)?.id ?? null;
  // versions only the registry has: every versioned service's repository holds the tag
  const inRegistry = (repository: string, version: string): boolean => tags.get(repository)?.has(version) ?? false;
  const candidates = new Set(versions);
  const withRegistry = ctx.project.versioned.filter((s) => tags.has(s.repository));
  if (withRegistry.length === ctx.project.versioned.length && withRegistry.length > 0) {
    for (const t of tags.get(withRegistry[0].repository) ?? []) if (ctx.project.versioned.every((s) => inRegistry(s.repository, t) || localId(s.repository, t))) candidates.add(t);
  }
  const images = new Map<string, Record<string, ServiceImage>>();
  const registryOnly = new Set<string>();
  for (const version of candidates) {
    const recorded = new Map(ctx.store.versionImages(ctx.project.name, version).map((r) => [r.service, r]));
    const row: Record<string, ServiceImage> = {};
    for (const s of ctx.project.versioned) {
      const rec = recorded.get(s.name) ?? null;
      const id = localId(s.repository, version);
      // a tag that moved away from the recorded image: what a rollback runs is that image (kept here, or by digest)
      const moved = Boolean(rec && id && id !== rec.imageId);
      const recordedHere = moved && rec ? (await ctx.engine.imageInfo(rec.imageId)) !== null : false;
      const where: ImageWhere = moved ? (recordedHere ? 'local' : rec?.repoDigest ? 'registry' : 'missing') : id ? 'local' : inRegistry(s.repository, version) || rec?.repoDigest ? 'registry' : 'missing';
      row[s.name] = { where, imageId: rec?.imageId ?? null, repoDigest: rec?.repoDigest ?? null, moved };
    }
    images.set(version, row);
    const all = Object.values(row);
    if (all.every((i) => i.where !== 'missing') && all.some((i) => i.where === 'registry')) registryOnly.add(version);
  }
  return { images, registryOnly, registryTags: tags };
}
