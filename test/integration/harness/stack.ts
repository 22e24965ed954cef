// The fixture most test files start from: "a stack on two versions". A test project of the demo, its versions
// built (by default A and B, complete; others broken or incomplete on demand), deployed in before() in the
// order asked, removed again in after(). Called inside a describe, it registers both hooks there; the project
// and the version names exist at once, so the tests use them as constants:
//
//   const { p, A, B } = stackOnTwoVersions({ label: 'lock', ports: ports(0), deploy: ['A', 'B'] });
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupProject } from './cleanup';
import { buildImages } from './images';
import { stackProblem } from './observe';
import { makeProject, newVersion, type Project, type ProjectOptions } from './project';
import { deployOk } from './run';

/** A version the fixture builds: the prefix of its (random) name, and what build-images.sh bakes into it. */
export interface VersionSpec {
  prefix: string;
  /** --broken MODE (health500, unhealthy, exit, hang, migrations-fail, late500, slow) */
  broken?: string;
  /** --break-after SECONDS: when a late500 / slow version breaks */
  breakAfter?: number;
  /** --only SERVICES: an incomplete version */
  only?: string;
}

export interface StackOptions<K extends string> extends ProjectOptions {
  /** the versions, by the names the tests use; a string is the prefix of a complete, good version (default { A: 'a', B: 'b' }) */
  versions?: Record<K, string | VersionSpec>;
  /** what before() deploys, in this order (deploy --yes --json, each must succeed) */
  deploy: Array<NoInfer<K>>;
  /** after the deploys, the stack runs the last one deployed, healthy, its migrations exited 0 */
  healthy?: boolean;
  /** runs in before() once the images are built, before the first deploy: the project's own files (compose patches, hooks, modes) */
  prepare?: (p: Project) => void;
}

export type VersionedStack<K extends string> = { p: Project } & Record<K, string>;

function flagsOf(spec: string | VersionSpec): string[] {
  if (typeof spec === 'string') return [];
  return [
    ...(spec.broken ? ['--broken', spec.broken] : []),
    ...(spec.breakAfter !== undefined ? ['--break-after', String(spec.breakAfter)] : []),
    ...(spec.only ? ['--only', spec.only] : []),
  ];
}

export function stackOnTwoVersions<K extends string = 'A' | 'B'>(o: StackOptions<K>): VersionedStack<K> {
  const specs = Object.entries(o.versions ?? { A: 'a', B: 'b' }) as Array<[K, string | VersionSpec]>;
  const names = {} as Record<K, string>;
  for (const [k, spec] of specs) names[k] = newVersion(typeof spec === 'string' ? spec : spec.prefix);
  const p = makeProject({ label: o.label, ports: o.ports, compose: o.compose, config: o.config, extraConfig: o.extraConfig });

  before(() => {
    // the complete versions in one build, then each broken or incomplete one with its own flags
    const complete = specs.filter(([, spec]) => flagsOf(spec).length === 0).map(([k]) => names[k]);
    if (complete.length) buildImages(p, complete);
    for (const [k, spec] of specs) if (flagsOf(spec).length) buildImages(p, [names[k]], flagsOf(spec));
    o.prepare?.(p);
    for (const k of o.deploy) deployOk(p, names[k]);
    const last = o.deploy.at(-1);
    if (o.healthy && last !== undefined) assert.equal(stackProblem(p, names[last]), null, `the stack runs ${names[last]}, healthy`);
  });
  after(() => cleanupProject(p));

  return { p, ...names } as VersionedStack<K>;
}
