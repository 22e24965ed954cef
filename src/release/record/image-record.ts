// What a successful release ran (issue 21): per versioned service running the version, the image reference,
// its ID and the repository digest of the service's repository. A later rollback to the version runs that image.
import { serviceContainer } from '../../domain/containers';
import { tagOf } from '../../domain/plan';
import type { ReleaseImage } from '../../domain/types';
import { warn, type OpContext } from '../context';

/** `repo@sha256:…` of `repository` among an image's repository digests, null when it has none there */
export function digestFor(repository: string, repoDigests: string[]): string | null {
  return repoDigests.find((d) => d.slice(0, d.indexOf('@')) === repository) ?? null;
}

/** Reads and records what runs; never fails the release (a warning says what was not recorded). */
export async function recordImages(ctx: Pick<OpContext, 'project' | 'engine' | 'store' | 'lang' | 'out'>, releaseId: number, version: string): Promise<ReleaseImage[]> {
  try {
    const containers = await ctx.engine.containers();
    const rows: Array<Omit<ReleaseImage, 'releaseId'>> = [];
    for (const s of ctx.project.versioned) {
      const c = serviceContainer(containers, s.name, s.oneShot);
      if (!c || tagOf(c.image, s.repository) !== version || !c.imageId) continue;
      const info = await ctx.engine.imageInfo(c.imageId);
      rows.push({ service: s.name, image: c.image, imageId: c.imageId, repoDigest: info ? digestFor(s.repository, info.repoDigests) : null });
    }
    ctx.store.recordReleaseImages(releaseId, rows);
    return rows.map((r) => ({ ...r, releaseId }));
  } catch (e) {
    warn(ctx, 'imagesNotRecorded', { reason: (e as Error).message, version });
    return [];
  }
}
