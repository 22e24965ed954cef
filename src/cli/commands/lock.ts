// `reprise lock status | acquire [-m MSG] | release`: the operation lock, by hand.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { t } from '../../domain/messages';
import * as human from '../human/lock';
import { writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  const lock = program.command('lock').description(help(lang, 'the operation lock: status | acquire [-m MSG] | release', 'le verrou des opérations : status | acquire [-m MSG] | release'));
  lock
    .command('status')
    .description(help(lang, 'who holds the operation lock, and since when', 'qui détient le verrou des opérations, et depuis quand'))
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
    .description(help(lang, 'take the lock by hand: every deploy and rollback exits 4 until it is released', "poser le verrou à la main : chaque deploy et rollback sort en code 4 tant qu'il n'est pas libéré"))
    .option('-m, --message <text>', help(lang, 'why the lock is held', 'pourquoi le verrou est détenu'))
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
    .description(help(lang, "release a manual lock, or one a dead process left; never a live operation's (unless --force)", "libérer un verrou manuel, ou laissé par un processus disparu ; jamais celui d'une opération en cours (sauf --force)"))
    .option('--force', help(lang, 'release any holder, even a live or unreachable one (asks first; recorded)', "libérer quel que soit le détenteur, même en vie ou injoignable (demande d'abord ; c'est enregistré)"))
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
