// Before anything changes (issue 21): every versioned service's `repository:version` names, on the engine,
// the image a release of that version ran — pulled by digest when it is not local, named again when its tag
// moved — or, for a version never released here, the image its tag names (pulled when asked or missing).
// A pull that fails stops the operation with one line; the stack is untouched.
import { RepriseError } from '../../domain/errors';
import { splitRepository } from '../../domain/image-ref';
import type { ReleaseImage } from '../../domain/types';
import type { RegistryAuth } from '../../engines/engine';
import { registryCredentials } from '../../adapters/registry/credentials';
import { RegistryClient } from '../../adapters/registry/client';
import { say, warn, type OpContext } from '../context';

export type ImageAction = 'local' | 'retag' | 'pull_digest' | 'pull_tag';

export interface ImageSource {
  service: string;
  repository: string;
  /** repository:version, what compose runs */
  image: string;
  action: ImageAction;
  /** the recorded image ID to name again (retag), or the repository@digest to pull (pull_digest) */
  source: string | null;
  /** the tag names another image than the recorded one (locally or in the registry) */
  moved: boolean;
  /** what the tag names now (an image ID or a digest), when it moved */
  now: string | null;
  recorded: ReleaseImage | null;
}

export interface ImagePlan {
  version: string;
  sources: ImageSource[];
  /** services whose image cannot be had: the tag is missing, or it moved and the recorded image is gone */
  unavailable: Array<{ service: string; image: string; moved: boolean }>;
}

type Ctx = Pick<OpContext, 'project' | 'engine' | 'store' | 'env' | 'lang' | 'out'>;

const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** What the registry's tag names now (a digest), null when unknown: never fails, bounded in time. */
async function registryDigest(ctx: Ctx, repository: string, tag: string): Promise<string | null> {
  const { registry, path } = splitRepository(repository);
  if (!registry) return null;
  try {
    const credentials = await registryCredentials(registry, ctx.env);
    return await new RegistryClient(registry, { credentials, env: ctx.env }).digest(path, tag);
  } catch {
    return null;
  }
}

/** Whether the registry has `repository:tag`: true, false, or null when it cannot say (unreachable, refused). */
async function registryHas(ctx: Ctx, repository: string, tag: string): Promise<boolean | null> {
  const { registry, path } = splitRepository(repository);
  if (!registry) return null;
  try {
    const credentials = await registryCredentials(registry, ctx.env);
    return (await new RegistryClient(registry, { credentials, env: ctx.env }).digest(path, tag)) !== null;
  } catch {
    return null;
  }
}

/**
 * Where each service's image for `version` comes from. `pull`: deploy --pull, a version never released
 * here is pulled by tag even when a local image has the tag. `strict` (rollbacks): a version runs the image its
 * release ran or not at all; a deploy whose recorded image is gone (pruned, never pushed) runs what the tag names
 * now — built with --build, pulled, or local — rather than never again.
 */
export async function planImages(ctx: Ctx, version: string, pull = false, strict = true): Promise<ImagePlan> {
  const recorded = new Map(ctx.store.versionImages(ctx.project.name, version).map((r) => [r.service, r]));
  const sources: ImageSource[] = [];
  const unavailable: ImagePlan['unavailable'] = [];
  for (const s of ctx.project.versioned) {
    const image = `${s.repository}:${version}`;
    const local = await ctx.engine.imageInfo(image);
    const rec = recorded.get(s.name) ?? null;
    const base = { service: s.name, repository: s.repository, image, recorded: rec };
    if (rec) {
      if (local?.id === rec.imageId) {
        sources.push({ ...base, action: 'local', source: null, moved: false, now: null });
        continue;
      }
      const kept = await ctx.engine.imageInfo(rec.imageId);
      if (kept) {
        sources.push({ ...base, action: 'retag', source: rec.imageId, moved: local !== null, now: local?.id ?? null });
        continue;
      }
      if (rec.repoDigest) {
        const tagNow = local ? null : await registryDigest(ctx, s.repository, version);
        const digestNow = local?.id ?? tagNow;
        const moved = local !== null || (tagNow !== null && !rec.repoDigest.endsWith(`@${tagNow}`));
        sources.push({ ...base, action: 'pull_digest', source: rec.repoDigest, moved, now: moved ? digestNow : null });
        continue;
      }
      if (strict) {
        unavailable.push({ service: s.name, image, moved: local !== null });
        continue;
      }
    }
    if (local && !pull) {
      sources.push({ ...base, action: 'local', source: null, moved: false, now: null });
      continue;
    }
    // never released here (or, for a deploy, its recorded image gone): the tag is what there is — pulled when
    // asked, or from its registry when not local, unless that registry answers that it has no such tag
    const explicit = splitRepository(s.repository).registry !== null;
    // false only when the registry answered that it has no such tag (unreachable: the pull will say why)
    const inRegistry = explicit && !(local && pull) ? await registryHas(ctx, s.repository, version) : null;
    if ((pull || explicit) && inRegistry !== false) {
      sources.push({ ...base, action: 'pull_tag', source: image, moved: false, now: null });
      continue;
    }
    if (local) {
      sources.push({ ...base, action: 'local', source: null, moved: false, now: null });
      continue;
    }
    unavailable.push({ service: s.name, image, moved: false });
  }
  return { version, sources, unavailable };
}

/** VERSION_INCOMPLETE naming the moved tags when the images cannot be had. */
export function assertObtainable(plan: ImagePlan): void {
  const moved = plan.unavailable.filter((u) => u.moved);
  if (moved.length === 0) return;
  const images = moved.map((u) => u.image);
  throw new RepriseError('VERSION_INCOMPLETE', 'imageTagMovedUnavailable', { version: plan.version, images: images.join(', ') }, { version: plan.version, missing: images, services: moved.map((u) => u.service), moved: true });
}

/** The services whose image must be fetched or named again before the release. */
export function needsFetch(plan: ImagePlan): boolean {
  return plan.sources.some((s) => s.action !== 'local');
}

async function authFor(ctx: Ctx, reference: string): Promise<RegistryAuth | null> {
  const { registry } = splitRepository(reference.split('@')[0].replace(/:[^/:]*$/, ''));
  const host = registry ?? 'docker.io';
  const creds = await registryCredentials(registry ?? 'https://index.docker.io/v1/', ctx.env).catch((e: Error) => {
    warn(ctx, 'registryCredentialsUnread', { registry: host, reason: e.message });
    return null;
  });
  return creds ? { username: creds.username, password: creds.password, serveraddress: host } : null;
}

/**
 * Pulls and tags what `plan` says, before anything changes; the first failure stops it (OPERATION_FAILED,
 * or VERSION_INCOMPLETE when the registry has no such tag or digest), the stack untouched.
 */
export async function fetchImages(ctx: Ctx, plan: ImagePlan, progress = false): Promise<void> {
  for (const s of plan.sources) {
    if (s.moved && s.recorded) say(ctx, 'imageTagMoved', { service: s.service, image: s.image, version: plan.version, now: s.now ? short(s.now) : '?', recorded: short(s.recorded.imageId) });
    if (s.action === 'local') continue;
    const tag = plan.version;
    if (s.action === 'retag') {
      await ctx.engine.tagImage(s.source!, s.repository, tag);
      say(ctx, 'imageRetagged', { service: s.service, image: s.image, id: short(s.source!) });
      continue;
    }
    const reference = s.source!;
    say(ctx, 'imagePulling', { image: reference, service: s.service });
    const started = Date.now();
    try {
      await ctx.engine.pullImage(reference, await authFor(ctx, reference), progress ? (line) => say(ctx, 'imagePullProgress', { line }) : undefined);
    } catch (e) {
      const reason = (e as Error).message.replace(/^Docker API \d+: /, '');
      // the registry has no such tag or digest (not a refused login, which Docker Hub words "does not exist … may require 'docker login'")
      const missing = /manifest unknown|manifest for \S+ not found|not found: manifest|name unknown|repository does not exist/i.test(reason) && !/unauthori[sz]ed|denied|authentication|credentials|docker login|no such host|dial tcp|connection refused/i.test(reason);
      const registry = splitRepository(s.repository).registry ?? 'docker.io';
      throw new RepriseError(missing ? 'VERSION_INCOMPLETE' : 'OPERATION_FAILED', 'imagePullFailed', { image: reference, reason, registry }, { image: reference, service: s.service, reason });
    }
    if (s.action === 'pull_digest') {
      const pulled = await ctx.engine.imageInfo(reference);
      if (!pulled) throw new RepriseError('OPERATION_FAILED', 'imagePullFailed', { image: reference, reason: 'not on the engine after the pull', registry: splitRepository(s.repository).registry ?? 'docker.io' });
      await ctx.engine.tagImage(pulled.id, s.repository, tag);
    }
    say(ctx, 'imagePulled', { image: reference, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  }
}
