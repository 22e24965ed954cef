// What `reprise init` recognises in a project directory (issue 17): the compose files compose itself would
// take, the other candidates (docker-compose.prod.yml, compose.staging.yaml, …), the env files present,
// the routers outside the project (by their labels) and HTTP healthchecks. Pure: names and texts in.

/** Compose's default files, in the order compose looks for them. */
export const DEFAULT_COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

const OVERRIDES: Record<string, string[]> = {
  'compose.yaml': ['compose.override.yaml', 'compose.override.yml'],
  'compose.yml': ['compose.override.yml', 'compose.override.yaml'],
  'docker-compose.yml': ['docker-compose.override.yml', 'docker-compose.override.yaml'],
  'docker-compose.yaml': ['docker-compose.override.yaml', 'docker-compose.override.yml'],
};

const COMPOSE_LIKE = /^(docker-)?compose[.-][^/]*\.ya?ml$/;

/**
 * The compose files of a directory, as choices: when one of compose's default names is there, the one
 * choice is what a plain `docker compose up` takes (that file, and its override file when present);
 * otherwise every variant (`docker-compose.prod.yml`, `compose.staging.yaml`, …) is a choice of its own.
 */
export function composeFileChoices(names: string[]): string[][] {
  const present = new Set(names);
  const base = DEFAULT_COMPOSE_NAMES.find((n) => present.has(n));
  if (base) return [[base, ...OVERRIDES[base].filter((o) => present.has(o)).slice(0, 1)]];
  const overrides = new Set(Object.values(OVERRIDES).flat());
  return names
    .filter((n) => COMPOSE_LIKE.test(n) && !overrides.has(n))
    .sort()
    .map((n) => [n]);
}

/** Every file of the directory that looks like a compose file (defaults, overrides and variants). */
export function composeLikeNames(names: string[]): string[] {
  return names.filter((n) => DEFAULT_COMPOSE_NAMES.includes(n) || COMPOSE_LIKE.test(n)).sort();
}

/** Files that look like env files (`.env`, `.env.production`, `.build-meta.env`), reprise's own and examples left out. */
export function envFileNames(names: string[]): string[] {
  return names
    .filter((n) => n === '.env' || n.startsWith('.env.') || (n.endsWith('.env') && n.length > 4))
    .filter((n) => !/^\.env\.rollback/.test(n) && !/\.(example|sample|template|dist|tmp-.*)$/.test(n) && !n.includes('.tmp-'))
    .sort();
}

export type RouterKind = 'traefik' | 'caddy';

/** A router outside the project that discovers the container by its labels (Traefik, caddy-docker-proxy). */
export function routerOfLabels(labels: Record<string, string>): RouterKind | null {
  const keys = Object.keys(labels);
  if (keys.some((k) => k.startsWith('traefik.')) && labels['traefik.enable'] !== 'false') return 'traefik';
  if (keys.some((k) => k === 'caddy' || /^caddy(_\d+)?(\.|$)/.test(k))) return 'caddy';
  return null;
}

// The local URL a healthcheck calls (curl/wget): the release gate's recogniser, domain/healthcheck-http.ts.
export { healthcheckHttpUrl } from './healthcheck-http';
