export { parseEnvFile, parseEnvLine, unquoteValue } from './env-file';
export type { EnvLine } from './env-file';
export { renderWithOverrides, APPENDED_COMMENT } from './render';
export { concatEnvTexts, mergeEnvTexts, mergeEnvVars, type EnvFileText } from './merge';
export { writeFileAtomic } from '../fs/atomic';
