// Where things are (this folder runs from dist/test/integration/harness/), and the demo stack's names:
// its versioned services, their tag variables, its infrastructure, the compose flavour a test project uses.
import { join, resolve } from 'node:path';

/** Repository root (this file runs from dist/test/integration/harness/). */
export const REPO = resolve(__dirname, '..', '..', '..', '..');
export const REPRISE_BIN = join(REPO, 'bin', 'reprise');
export const DEMO_COMPOSE = join(REPO, 'examples', 'recyclic', 'docker-compose.yml');
export const DEMO_SWARM_OVERLAY = join(REPO, 'examples', 'recyclic', 'docker-compose.swarm.yml');
export const DEMO_ROLLBACK_SH = join(REPO, 'examples', 'recyclic', 'scripts', 'rollback.sh');
export const BUILD_IMAGES = join(REPO, 'scripts', 'build-images.sh');
/** The first user's production shape (docker-compose.prod.yml, two env files, container_name everywhere). */
export const PROD_LIKE_FIXTURE = join(REPO, 'test', 'fixtures', 'prod-like');

/** The four versioned services of the demo stack and their image repositories / tag variables. */
export const VERSIONED = ['api', 'frontend', 'bot', 'api-migrations'] as const;
export const LONG_RUNNING = ['api', 'frontend', 'bot'] as const;
export const TAG_VARS = ['API_IMAGE_TAG', 'FRONTEND_IMAGE_TAG', 'BOT_IMAGE_TAG', 'API_MIGRATIONS_IMAGE_TAG'] as const;
export const INFRA = ['db', 'cache'] as const;

export type ComposeFlavour = 'v1' | 'v2';

/**
 * The compose a test project uses unless it asks for one: v1 on the host's engine, v2 in the current-engine
 * lane (scripts/test.sh sets REPRISE_TEST_LANE=current there; compose v1 cannot talk to an engine that refuses
 * API versions below 1.44).
 */
export const DEFAULT_COMPOSE: ComposeFlavour = process.env.REPRISE_TEST_LANE === 'current' ? 'v2' : 'v1';
