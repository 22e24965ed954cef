// The checks of the env files: their tag variables against what runs, who may read them, .env.rollback.
import { judgeEnvFiles, judgeEnvRollback, judgeEnvTags } from '../../domain/doctor';
import { envFileFacts, envRollbackFacts, envTagFacts } from './file-facts';
import type { DoctorRow } from './table';

/** compose only: what a plain `docker compose up -d` would read against what runs (Swarm reads no env file). */
export const envTagsRow: DoctorRow = {
  id: 'env_tags',
  shown: (c) => c.project !== null && !c.swarm,
  project: true,
  engine: true,
  run: async (c) => judgeEnvTags(envTagFacts(c.project, c.env, await c.containers!), c.project.syncEnvFile),
};

export const envFileRow: DoctorRow = {
  id: 'env_file',
  run: (c) => judgeEnvFiles(envFileFacts(c.project, c.dir, c.envFileFlags)),
};

export const envRollbackRow: DoctorRow = {
  id: 'env_rollback',
  project: true,
  store: 'skip',
  run: (c) => judgeEnvRollback(envRollbackFacts(c.project, c.releases)),
};
