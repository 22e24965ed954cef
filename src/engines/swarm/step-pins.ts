// What one release step pins in the override file (see swarm-engine.ts): the services of the step get their
// new image (and Swarm's update_config), every other service keeps what its spec has now, and a versioned
// service that does not exist yet is created with 0 replicas until its own step. Pure but for the run
// labels, which the caller makes.
import { tagOf } from '../../domain/plan';
import type { ApplyRequest } from '../apply';
import type { DeclaredService } from '../reads';
import type { SwarmProject } from '../target';
import { updateConfigs, type PinnedService } from './stack-file';
import { RUN_LABEL } from './swarm-reads';

type Raw = Record<string, unknown>;

export interface StepPins {
  pins: Record<string, PinnedService>;
  /** the value of every tag variable for `docker stack deploy` */
  tags: Record<string, string>;
}

/** `newRun(service)`: a new run label for a one-shot of the step (Swarm starts a new task even for the same image). */
export function stepPins(project: SwarmProject, docs: Raw[], declared: Map<string, DeclaredService>, req: ApplyRequest, newRun: (service: string) => string): StepPins {
  const pins: Record<string, PinnedService> = {};
  // tag variables: what each service runs now, the new value only for the services of this step (a tag
  // variable used elsewhere than in `image:` must not change a service this step leaves alone)
  const tags: Record<string, string> = {};
  for (const v of project.versioned) {
    const running = declared.get(v.name);
    const tag = running ? tagOf(running.image, v.repository) : null;
    if (tag) tags[v.tagVariable] ??= tag;
  }
  for (const v of project.versioned) if (req.services.includes(v.name) && req.tags[v.tagVariable]) tags[v.tagVariable] = req.tags[v.tagVariable];
  for (const v of project.versioned) {
    const fallback = req.tags[v.tagVariable] ?? req.version;
    if (fallback !== undefined) tags[v.tagVariable] ??= fallback;
  }
  for (const name of project.compose.services.keys()) {
    const v = project.versioned.find((s) => s.name === name);
    const now = declared.get(name);
    if (req.services.includes(name)) {
      const pin: PinnedService = {};
      const tag = v ? req.tags[v.tagVariable] : undefined;
      if (v && tag) pin.image = `${v.repository}:${tag}`;
      if (v) Object.assign(pin, updateConfigs(docs, name, { oneShot: v.oneShot, startFirst: project.strategies.get(name)?.strategy === 'start-first', readinessDelayMs: project.health.readinessDelayMs }));
      // a new run label: Swarm starts a new task even when the image is the same (a retry)
      if (v?.oneShot) pin.labels = { [RUN_LABEL]: newRun(name) };
      pins[name] = pin;
    } else if (now) {
      // left exactly as it is: the spec's own reference (digest included), replicas and run label
      pins[name] = { image: now.reference, ...(now.replicas !== null ? { replicas: now.replicas } : {}), ...(now.run ? { labels: { [RUN_LABEL]: now.run } } : {}) };
    } else if (v && project.compose.services.get(name)?.swarm.mode !== 'global') {
      // a versioned service is created, not started, before its own step (on the release's version)
      pins[name] = { replicas: 0, ...(tags[v.tagVariable] ? { image: `${v.repository}:${tags[v.tagVariable]}` } : {}) };
    }
  }
  return { pins, tags };
}
