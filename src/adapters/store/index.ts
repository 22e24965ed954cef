export { Store, STORE_BUSY_TIMEOUT_MS } from './store';
export type { StoreOptions } from './store';
export type { AcquireResult } from './lock';
export type { JournalPatch } from './journal';
export type { ListReleasesOptions } from './releases';
export { bootId, pidNamespace, pidStartTime, isHolderDead } from './process-liveness';
export type { Baseline, BaselineFigures } from './baselines';
export type { ConfigFile, ConfigSnapshot, NewConfigSnapshot } from './configs';
export type { Notice } from './incidents';
