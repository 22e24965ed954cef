// Which version a rollback goes to (resolve): the version named, what an interrupted operation was doing,
// the previous good version of the history, then (emergency) .env.rollback, or (no history at all) the
// newest complete version among this project's local images — never a guess.
import { RepriseError } from '../../domain/errors';
import { newestCompleteOtherThan } from '../../domain/versions';
import { previousGoodVersion } from '../../domain/previous';
import type { JournalEntry } from '../../domain/types';
import { say, type OpContext } from '../context';
import type { ResolvedState } from './resolve';

export type ChosenBy = 'argument' | 'history' | 'local_images' | 'interrupted_operation' | 'env_rollback';

/** The emergency path's fallback: the version .env.rollback names, and where it was read. */
export interface EmergencyFallback {
  fallbackVersion: string | null;
  fallbackSource: string | null;
}

export interface Target {
  version: string;
  chosenBy: ChosenBy;
}

export function chooseTarget(ctx: OpContext, state: ResolvedState, requested: string | undefined, interrupted: JournalEntry | null, emergency?: EmergencyFallback): Target {
  if (requested) return { version: requested, chosenBy: 'argument' };
  if (interrupted) {
    // finish an interrupted rollback; undo an interrupted deploy
    const v = interrupted.kind === 'deploy' ? interrupted.fromVersion : interrupted.version;
    if (v) {
      say(ctx, 'resumingInterrupted', { version: v });
      return { version: v, chosenBy: 'interrupted_operation' };
    }
  }
  if (!state.current && !state.mixed && !emergency) {
    throw new RepriseError('NO_CURRENT_VERSION', 'noCurrentVersion');
  }
  if (emergency) {
    // with nothing running, "current" is what reprise last put in place: go back from it, like
    // .env.rollback and the manual §4.2 command do (never re-create the version that just broke)
    const previous = state.current || state.mixed ? state.previous : previousGoodVersion(state.releases, state.lastDeployed);
    if (previous) return { version: previous, chosenBy: 'history' };
    const fallback = emergency.fallbackVersion;
    if (fallback && fallback !== state.current && fallback !== (state.current ? null : state.lastDeployed)) {
      say(ctx, 'emergencyFromEnvRollback', { version: fallback, file: emergency.fallbackSource ?? '.env.rollback' });
      return { version: fallback, chosenBy: 'env_rollback' };
    }
    // never a guess from local images (it could be a fresh build never released): name the version
    throw new RepriseError('NO_PREVIOUS_VERSION', 'emergencyNoTarget', { current: state.current ?? state.lastDeployed ?? '-' }, { current: state.current });
  }
  if (state.previous) return { version: state.previous, chosenBy: 'history' };
  const hasHistory = state.releases.some((r) => r.outcome === 'success');
  if (!hasHistory) {
    // only this project's versions (never another project's tag of the same repositories)
    const local = newestCompleteOtherThan(state.ownCatalogue ?? [], state.current);
    if (local) {
      say(ctx, 'previousFromImages', { version: local });
      return { version: local, chosenBy: 'local_images' };
    }
  }
  throw new RepriseError('NO_PREVIOUS_VERSION', 'noPreviousVersion', { current: state.current ?? '-' }, { current: state.current });
}
