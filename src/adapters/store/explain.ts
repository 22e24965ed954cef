// SQLite failures of the state store, told as what they mean for the operator (render.ts uses it).
import { RepriseError } from '../../domain/errors';

/** A clear error for a failure of `.reprise/state.db`, or null when `e` is something else. */
export function explainStoreError(e: unknown): RepriseError | null {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const reason = (e as Error).message;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_LOCKED')) return new RepriseError('OPERATION_FAILED', 'stateBusy', { reason }, { sqlite: code });
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return new RepriseError('OPERATION_FAILED', 'stateCorrupt', { reason }, { sqlite: code });
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC') return new RepriseError('OPERATION_FAILED', 'stateFull', { reason }, { sqlite: code });
  return new RepriseError('OPERATION_FAILED', 'stateFailed', { reason }, { sqlite: code });
}
