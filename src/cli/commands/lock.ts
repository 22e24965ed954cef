// `reprise lock status | acquire [-m MSG] | release`: the operation lock, by hand.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { t } from '../../domain/messages';
import * as human from '../human/lock';
import { writeJson } from '../render';
import type { Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const lock = program.command('lock').description('the operation lock: status | acquire [-m MSG] | release');
  lock
    .command('status')
    .action(
      act(async (getCtx, g) => {
        const { lockStatus } = await import('../../commands/lock');
        const r = lockStatus(getCtx());
        if (g.json) writeJson(io, r);
        else human.lock(io, state.lang, r);
        return EXIT.OK;
      }, true),
    );
  lock
    .command('acquire')
    .option('-m, --message <text>', 'why the lock is held')
    .action(
      act(async (getCtx, g, opts: { message?: string }) => {
        const { lockAcquire } = await import('../../commands/lock');
        const r = lockAcquire(getCtx(), opts.message ?? null);
        if (g.json) writeJson(io, r);
        else io.stderr.write(`${t(state.lang, 'lockAcquired', { message: opts.message ? ` — "${opts.message}"` : '' })}\n`);
        return EXIT.OK;
      }),
    );
  lock
    .command('release')
    .option('--force', 'release any holder, even a live or unreachable one (asks first; recorded)')
    .action(
      act(async (getCtx, g, opts: { force?: boolean }) => {
        const { lockForceRelease, lockRelease } = await import('../../commands/lock');
        if (opts.force) {
          const f = await lockForceRelease(getCtx(), Boolean(g.yes));
          if (g.json) writeJson(io, f);
          else if (!f.released && !f.cancelled) io.stderr.write(`${t(state.lang, 'lockFree')}\n`);
          return EXIT.OK;
        }
        const r = lockRelease(getCtx());
        if (g.json) writeJson(io, r);
        else io.stderr.write(`${t(state.lang, r.released ? 'lockReleased' : 'lockFree')}\n`);
        return EXIT.OK;
      }),
    );
}
