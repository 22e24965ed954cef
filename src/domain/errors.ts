// Typed errors: one module, one class. Only cli/main.ts turns them into an exit code.
import { t, type MessageKey } from './messages';

export const EXIT = {
  OK: 0,
  FAILED: 1,
  USAGE: 2,
  ROLLED_BACK: 3,
  LOCKED: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type ErrorCode =
  | 'INVALID_VERSION'
  | 'VERSION_NOT_FOUND'
  | 'VERSION_INCOMPLETE'
  | 'ALREADY_CURRENT'
  | 'NO_CURRENT_VERSION'
  | 'NO_PREVIOUS_VERSION'
  | 'GIT_UNAVAILABLE'
  | 'DOCKER_UNAVAILABLE'
  | 'COMPOSE_UNAVAILABLE'
  | 'CONFIG_INVALID'
  | 'LOCKED'
  | 'HEALTH_CHECK_FAILED'
  | 'INTERRUPTED_OPERATION'
  | 'USAGE'
  | 'OPERATION_FAILED'
  | 'NOT_VERIFIED';

const DEFAULT_EXIT: Record<ErrorCode, ExitCode> = {
  INVALID_VERSION: EXIT.USAGE,
  VERSION_NOT_FOUND: EXIT.USAGE,
  VERSION_INCOMPLETE: EXIT.USAGE,
  ALREADY_CURRENT: EXIT.USAGE,
  NO_CURRENT_VERSION: EXIT.FAILED,
  NO_PREVIOUS_VERSION: EXIT.FAILED,
  GIT_UNAVAILABLE: EXIT.FAILED,
  DOCKER_UNAVAILABLE: EXIT.FAILED,
  COMPOSE_UNAVAILABLE: EXIT.FAILED,
  CONFIG_INVALID: EXIT.USAGE,
  LOCKED: EXIT.LOCKED,
  HEALTH_CHECK_FAILED: EXIT.FAILED,
  INTERRUPTED_OPERATION: EXIT.FAILED,
  USAGE: EXIT.USAGE,
  OPERATION_FAILED: EXIT.FAILED,
  NOT_VERIFIED: EXIT.USAGE,
};

export type Params = Record<string, string | number | boolean | null | undefined | string[]>;

/**
 * An error a user can act on. `key` selects the French/English message (and its hint);
 * `code` never changes with the language.
 */
export class RepriseError extends Error {
  readonly code: ErrorCode;
  readonly key: MessageKey;
  readonly params: Params;
  readonly details: Record<string, unknown>;
  exitCode: ExitCode;

  constructor(code: ErrorCode, key: MessageKey, params: Params = {}, details: Record<string, unknown> = {}, exitCode?: ExitCode) {
    // the English text: what a log line or a warning built from `.message` shows (renderers use `key`)
    super(`${code}: ${t('en', key, params)}`);
    this.name = 'RepriseError';
    this.code = code;
    this.key = key;
    this.params = params;
    this.details = details;
    this.exitCode = exitCode ?? DEFAULT_EXIT[code];
  }
}

export function isRepriseError(e: unknown): e is RepriseError {
  return e instanceof RepriseError;
}
