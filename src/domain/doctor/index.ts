// The judgements of `reprise doctor` (seed §9.1), one file per check: each turns facts already gathered into
// a status, a finding and its fix. Pure: no I/O here (commands/doctor.ts gathers the facts).
export * from './check';
export * from './compose-model';
export * from './report';
export * from './config-check';
export * from './engine';
export * from './remote-engine';
export * from './compose';
export * from './services';
export * from './stats';
export * from './versions';
export * from './drift';
export * from './env-tags';
export * from './side-by-side';
export * from './swarm';
export * from './env-files';
export * from './env-rollback';
export * from './lock';
export * from './interrupted';
export * from './bytes';
export * from './disk';
export * from './permissions';
export * from './memory';
