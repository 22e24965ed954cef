// Redis's data (issue 22, `kind: redis`): a snapshot is a BGSAVE, waited for, then the RDB file copied out of
// the container through the Engine API; a restore puts the RDB file back and restarts the server without
// saving, so it loads it. redis-cli runs in the container with fixed arguments and the container's own password.
import { parseRedisConfig, parseRedisInfo, redisCli } from '../../domain/data-snapshot';
import type { OpContext } from '../context';

const CLI_TIMEOUT_MS = 20_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function cli(ctx: OpContext, id: string, args: string[]): Promise<string> {
  const r = await ctx.engine.readInContainer(id, redisCli(args), [], CLI_TIMEOUT_MS);
  const out = r.output.trim();
  if (r.exitCode !== 0 || /^(ERR|NOAUTH|WRONGPASS|NOPERM)\b/m.test(out)) throw new Error(`redis-cli ${args[0]}: ${out.split('\n').slice(-1)[0] || (r.exitCode === null ? 'no answer in time' : `exit ${r.exitCode}`)}`);
  return out;
}

/** Where the server writes its RDB file (`dir`/`dbfilename`; /data/dump.rdb when CONFIG is not allowed). */
async function rdbPath(ctx: OpContext, id: string): Promise<string> {
  try {
    const dir = parseRedisConfig(await cli(ctx, id, ['CONFIG', 'GET', 'dir']), 'dir') ?? '/data';
    const name = parseRedisConfig(await cli(ctx, id, ['CONFIG', 'GET', 'dbfilename']), 'dbfilename') ?? 'dump.rdb';
    return `${dir.replace(/\/+$/, '')}/${name}`;
  } catch {
    return '/data/dump.rdb';
  }
}

/** BGSAVE, waited for (bounded), then the RDB file into `file` (0600); its size and SHA-256. */
export async function dumpRedis(ctx: OpContext, id: string, file: string, timeoutMs: number): Promise<{ bytes: number; sha256: string }> {
  const saves = (info: Map<string, string>): number => Number(info.get('rdb_saves') ?? info.get('rdb_last_save_time') ?? 0);
  const before = parseRedisInfo(await cli(ctx, id, ['INFO', 'persistence']));
  const started = saves(before);
  await cli(ctx, id, ['BGSAVE']).catch((e: Error) => {
    // one already running is waited for like ours
    if (!/already in progress/i.test(e.message)) throw e;
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = parseRedisInfo(await cli(ctx, id, ['INFO', 'persistence']));
    if (info.get('rdb_bgsave_in_progress') === '0' && saves(info) > started) {
      if (info.get('rdb_last_bgsave_status') !== 'ok') throw new Error('BGSAVE failed (rdb_last_bgsave_status is not ok: see the server\'s log, often a full disk)');
      break;
    }
    if (Date.now() > deadline) throw new Error('BGSAVE did not end in time');
    await sleep(200);
  }
  return ctx.engine.copyFileFromContainer(id, await rdbPath(ctx, id), file, timeoutMs);
}

/**
 * The RDB `file` back in place of the server's, then the server shut down without saving and started again: it
 * loads the file. Refused when the server keeps an append-only file (it would load that instead).
 */
export async function restoreRedis(ctx: OpContext, id: string, file: string, timeoutMs: number): Promise<void> {
  const aof = parseRedisConfig(await cli(ctx, id, ['CONFIG', 'GET', 'appendonly']), 'appendonly');
  if (aof === 'yes') throw new Error('appendonly is on: Redis would load its append-only file, not the snapshot (restore by hand: stop it, replace the RDB file, turn appendonly off for one start)');
  const path = await rdbPath(ctx, id);
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  // the file belongs to whoever owns the data folder (the server's user)
  const owner = (await ctx.engine.readInContainer(id, ['stat', '-c', '%u %g', dir], [], CLI_TIMEOUT_MS)).output.trim().split(/\s+/).map(Number);
  const [uid, gid] = owner.length === 2 && owner.every((n) => Number.isInteger(n)) ? owner : [999, 999];
  const runId = parseRedisInfo(await cli(ctx, id, ['INFO', 'server'])).get('run_id');
  // no automatic save may write the data in memory over the file once it is in place (until the restart)
  await cli(ctx, id, ['CONFIG', 'SET', 'save', '']).catch(() => undefined);
  await ctx.engine.copyFileToContainer(id, file, path, { uid, gid }, timeoutMs);
  // the connection ends with the server: no answer is expected, only a refusal (ACL, renamed command) says something
  const down = await ctx.engine.readInContainer(id, redisCli(['SHUTDOWN', 'NOSAVE']), [], CLI_TIMEOUT_MS).catch(() => null);
  if (down && /^(ERR|NOPERM|NOAUTH)\b/m.test(down.output.trim())) {
    throw new Error(`SHUTDOWN NOSAVE was refused (${down.output.trim().split('\n')[0]}): the server still runs with the data as it was; ${path} holds the snapshot and will be loaded at its next start`);
  }
  const deadline = Date.now() + Math.max(60_000, timeoutMs);
  for (;;) {
    const c = await ctx.engine.container(id);
    if (c && c.state !== 'running') await ctx.engine.startContainer(id).catch(() => undefined);
    if (c && c.state === 'running') {
      const pong = await ctx.engine.readInContainer(id, redisCli(['PING']), [], 5_000).catch(() => null);
      if (pong?.exitCode === 0 && /PONG/.test(pong.output)) {
        // a PONG may come from the old process still shutting down: the new one (another run_id) loaded the file
        const info = parseRedisInfo(await cli(ctx, id, ['INFO', 'server']).catch(() => ''));
        if (info.get('run_id') && info.get('run_id') !== runId) return;
      }
    }
    if (Date.now() > deadline) throw new Error('Redis did not come back after the restore (see its log: docker logs)');
    await sleep(300);
  }
}
