// ship VERSION [--from ENDPOINT] (issue 21): copies a version's images to the engine reprise points at, from
// another engine (default: this machine's), without a registry — `docker save` there streamed into `docker
// load` here over reprise's own connection (unix, tcp+TLS, ssh). An image the target already has (same ID) is
// not sent again: under its tag it is skipped, under another name it is only tagged; a tag the target gives
// another image is refused unless --force. It holds the project's lock. The Engine API's save
// sends whole images, so a layer the target has is still sent within an image it lacks.
import { RepriseError } from '../domain/errors';
import { assertValidVersion } from '../domain/version';
import { imageSource } from '../engines/connect';
import { say, type OpContext } from '../release/context';
import { withLock } from '../release/guard';

/** the engine images are taken from when --from is not given: this machine's */
export const DEFAULT_SHIP_SOURCE = 'unix:///var/run/docker.sock';

export interface ShipResult {
  ok: true;
  version: string;
  from: string;
  /** references sent (save → load) */
  shipped: string[];
  /** references already on the target with the same image ID */
  skipped: string[];
  /** references the target had under another name: only tagged */
  tagged: string[];
  durationSeconds: number;
}

export async function ship(ctx: OpContext, opts: { version: string; from?: string; force?: boolean }): Promise<ShipResult> {
  const version = assertValidVersion(opts.version);
  // the version's tags on the target may be what runs there: one operation at a time
  return withLock(ctx, 'ship', null, () => shipLocked(ctx, version, opts));
}

async function shipLocked(ctx: OpContext, version: string, opts: { from?: string; force?: boolean }): Promise<ShipResult> {
  const source = imageSource(opts.from ?? DEFAULT_SHIP_SOURCE, ctx.env);
  const started = Date.now();
  const refs = ctx.project.versioned.map((s) => ({ repository: s.repository, reference: `${s.repository}:${version}` }));
  // what the source has: every image of the version, or nothing is sent
  const ids = await Promise.all(refs.map(async (r) => ({ ...r, id: (await source.imageInfo(r.reference))?.id ?? null })));
  const missing = ids.filter((r) => r.id === null).map((r) => r.reference);
  if (missing.length === ids.length) {
    throw new RepriseError('VERSION_NOT_FOUND', 'shipNothingThere', { version, from: source.description }, { version, from: source.description });
  }
  if (missing.length) throw new RepriseError('VERSION_INCOMPLETE', 'versionIncomplete', { version, missing: missing.join(', ') }, { version, missing });
  const result: ShipResult = { ok: true, version, from: source.description, shipped: [], skipped: [], tagged: [], durationSeconds: 0 };
  const send: string[] = [];
  // a tag the target already gives another image (a build of the same version made there): never moved
  // silently — what runs there, or what a release recorded, would change under compose's feet
  const taken: string[] = [];
  for (const r of ids) {
    const here = await ctx.engine.imageInfo(r.reference);
    if (here && here.id !== r.id) taken.push(r.reference);
  }
  if (taken.length && !opts.force) throw new RepriseError('OPERATION_FAILED', 'shipTagTaken', { version, images: taken }, { version, images: taken });
  for (const r of ids) {
    const here = await ctx.engine.imageInfo(r.reference);
    if (here?.id === r.id) {
      result.skipped.push(r.reference);
      continue;
    }
    if (await ctx.engine.imageInfo(r.id!)) {
      await ctx.engine.tagImage(r.id!, r.repository, version);
      result.tagged.push(r.reference);
      continue;
    }
    send.push(r.reference);
  }
  if (result.skipped.length) say(ctx, 'shipAlreadyThere', { images: result.skipped });
  if (result.tagged.length) say(ctx, 'shipTagged', { images: result.tagged });
  if (send.length) {
    say(ctx, 'shipSending', { images: send, from: source.description });
    const archive = await source.saveImages(send);
    await ctx.engine.loadImages(archive);
    result.shipped = send;
  }
  // the target now has every image, with the source's IDs
  for (const r of ids) {
    const here = await ctx.engine.imageInfo(r.reference);
    if (here?.id !== r.id) throw new RepriseError('OPERATION_FAILED', 'shipNotLoaded', { image: r.reference });
  }
  result.durationSeconds = (Date.now() - started) / 1000;
  ctx.store.addEvent(ctx.project.name, 'ship', `shipped ${version} from ${source.description}: ${send.length} sent, ${result.tagged.length} tagged, ${result.skipped.length} already there`, { version, from: source.description, shipped: send, tagged: result.tagged, skipped: result.skipped });
  say(ctx, 'shipDone', { version, seconds: result.durationSeconds.toFixed(1) });
  return result;
}
