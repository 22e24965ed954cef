// The shared fake engine for unit tests: an in-memory stack (containers per service, local images) that
// answers what reprise asks an engine and logs every call that would change something, so a test can
// assert what a user would see: which services were recreated on which tags, or that nothing was touched.
// `fakeStack` puts it in a real OpContext: a temporary project (compose file, reprise.yml, .env) loaded by
// the real config loader, a real store in that directory, a fixed clock, output and prompts captured.
import { probeHttp } from '../../src/adapters/probe/http-probe';
import type { Readable } from 'node:stream';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMetricsFile } from '../../src/adapters/metrics-file';
import { Store } from '../../src/adapters/store';
import { loadProject } from '../../src/config/project';
import type { HealthcheckDefinition, HealthcheckRun } from '../../src/domain/healthcheck';
import type { MetricsEntry, Release, VersionedService } from '../../src/domain/types';
import type { ApplyRequest, ContainerStats, DeclaredService, Engine, EngineContainer, ExecToFileResult, HealthStatus, InContainerResult, ImageInfo, ImageRemoval, LocalImage, RolloutState, ServiceContainer } from '../../src/engines/engine';
import type { OpContext } from '../../src/release/context';

/** One call to a method that changes the stack. */
export interface EngineCall {
  method: 'apply' | 'build' | 'pull' | 'pullImage' | 'tagImage' | 'removeImage' | 'startBeside' | 'removeContainer' | 'signal' | 'putFile';
  args: unknown[];
}

type Versioned = Pick<VersionedService, 'name' | 'repository' | 'tagVariable'>;

const T0 = Date.UTC(2024, 0, 1);

export class FakeEngine implements Engine {
  readonly name = 'fake';
  /** every mutating call, in order */
  readonly calls: EngineCall[] = [];
  /** the project's containers (one-offs excluded), oldest first */
  containerList: ServiceContainer[] = [];
  localImages: LocalImage[] = [];
  /** Docker health a container created on a version gets (default healthy); e.g. 'unhealthy' for a broken version */
  readonly healthOn = new Map<string, HealthStatus>();
  /** what prepare() throws (the engine or compose unreachable), null: it passes */
  prepareError: Error | null = null;
  /** what apply() throws (compose failed), null: it works */
  applyError: Error | null = null;
  /** container id → its Docker healthcheck (none by default); each run answers `answerHealthcheck` */
  readonly healthchecks = new Map<string, HealthcheckDefinition>();
  answerHealthcheck: (id: string) => HealthcheckRun | null = () => null;
  healthcheckRuns = 0;
  /** container id → its log text */
  readonly logText = new Map<string, string>();
  private seq = 0;

  constructor(private readonly versioned: Versioned[]) {}

  /** Puts a container in place without logging a call (the state a test starts from). */
  run(service: string, image: string, patch: Partial<ServiceContainer> = {}): ServiceContainer {
    const at = new Date(T0 + ++this.seq * 1000).toISOString();
    const version = image.slice(image.lastIndexOf(':') + 1);
    const c: ServiceContainer = { service, id: `${service}-${this.seq}`, name: `fake-${service}-${this.seq}`, image, imageId: `sha256:${image}`, state: 'running', health: this.healthOn.get(version) ?? 'healthy', exitCode: null, restartCount: 0, startedAt: at, createdAt: at, ...patch };
    this.containerList.push(c);
    return c;
  }

  /** Local images of every versioned repository for each version. */
  addVersions(...versions: string[]): void {
    for (const v of versions) for (const s of this.versioned) this.addImage(s.repository, v);
  }

  addImage(repository: string, tag: string): void {
    if (this.localImages.some((i) => i.repository === repository && i.tag === tag)) return;
    this.localImages.push({ repository, tag, id: `sha256:${repository}:${tag}`, created: new Date(T0 + this.localImages.length * 60_000).toISOString(), size: 1000, project: null });
  }

  /** service → the image its newest running container runs */
  running(): Record<string, string> {
    return Object.fromEntries(this.containerList.filter((c) => c.state === 'running').map((c) => [c.service, c.image]));
  }

  private imageFor(service: string, tags: Record<string, string>): string {
    const v = this.versioned.find((s) => s.name === service);
    if (v && tags[v.tagVariable]) return `${v.repository}:${tags[v.tagVariable]}`;
    return this.containerList.find((c) => c.service === service)?.image ?? `${service}:latest`;
  }

  private record(method: EngineCall['method'], ...args: unknown[]): void {
    this.calls.push({ method, args: structuredClone(args) });
  }

  private find(id: string): ServiceContainer | undefined {
    return this.containerList.find((c) => c.id === id);
  }

  // --- reads: what the stack is, never logged ---
  async prepare(): Promise<void> {
    if (this.prepareError) throw this.prepareError;
  }
  async containers(): Promise<ServiceContainer[]> {
    return this.containerList.map((c) => ({ ...c }));
  }
  async container(id: string): Promise<ServiceContainer | null> {
    const c = this.find(id);
    return c ? { ...c } : null;
  }
  async images(repositories: string[]): Promise<LocalImage[]> {
    return this.localImages.filter((i) => repositories.includes(i.repository)).map((i) => ({ ...i }));
  }
  async logs(id: string, _tail?: number): Promise<string> {
    return this.logText.get(id) ?? '';
  }
  /** the whole log text, whatever `since` (a test that needs Docker's time filter replaces this method) */
  async logsSince(id: string, _since?: Date, _tail?: number): Promise<string> {
    return this.logText.get(id) ?? '';
  }
  async inspectRaw(id: string): Promise<Record<string, unknown> | null> {
    const c = this.find(id);
    return c ? { Id: c.id, Name: `/${c.name}`, Config: { Image: c.image }, State: { Status: c.state } } : null;
  }
  async stats(id: string): Promise<ContainerStats | null> {
    return this.find(id)?.state === 'running' ? { cpuPercent: 1, memoryPercent: 1, memoryBytes: 1 << 20 } : null;
  }
  async counts(): Promise<{ containersRunning: number; images: number }> {
    return { containersRunning: this.containerList.filter((c) => c.state === 'running').length, images: this.localImages.length };
  }
  async imagesInUse(): Promise<Set<string>> {
    return new Set(this.containerList.map((c) => c.imageId));
  }
  async allContainers(): Promise<EngineContainer[]> {
    return this.containerList.map((c) => ({ id: c.id, name: c.name, image: c.image, imageId: c.imageId, state: c.state, project: 'fake', service: c.service, oneOff: false }));
  }
  // compose-like: no rollout of its own, no declared services; no files, processes or networks to read
  async rollout(): Promise<RolloutState> { return { state: 'done', reason: null }; }
  async declared(): Promise<Map<string, DeclaredService> | null> { return null; }
  async readFile(): Promise<string | null> { return null; }
  async processes(): Promise<Array<{ pid: number; command: string }>> { return []; }
  async addressBeside(): Promise<string | null> { return null; }
  async healthcheck(id: string): Promise<HealthcheckDefinition | null> {
    return this.healthchecks.get(id) ?? null;
  }
  async runHealthcheck(id: string): Promise<HealthcheckRun | null> {
    this.healthcheckRuns++;
    return this.answerHealthcheck(id);
  }

  // --- changes: each logged in `calls` ---
  /** Recreates each requested service: its containers replaced by one on the requested tag. */
  async apply(req: ApplyRequest): Promise<void> {
    this.record('apply', req);
    if (this.applyError) throw this.applyError;
    for (const service of req.services) {
      const image = this.imageFor(service, req.tags);
      this.containerList = this.containerList.filter((c) => c.service !== service);
      this.run(service, image);
    }
  }
  async build(services: string[], tags: Record<string, string>): Promise<void> {
    this.record('build', services, tags);
    this.obtain(services, tags);
  }
  /** The registry has every tag. */
  async pull(services: string[], tags: Record<string, string>): Promise<void> {
    this.record('pull', services, tags);
    this.obtain(services, tags);
  }
  private obtain(services: string[], tags: Record<string, string>): void {
    for (const [repository, tag] of services.map((s) => this.imageFor(s, tags).split(/:(?=[^:]*$)/))) this.addImage(repository, tag);
  }
  // --- images fetched before a release (issue 21): no registry here, an image is local or it is not ---
  async imageInfo(reference: string): Promise<ImageInfo | null> {
    const i = this.localImages.find((x) => x.id === reference || `${x.repository}:${x.tag}` === reference);
    return i ? { id: i.id, repoDigests: [] } : null;
  }
  async pullImage(reference: string): Promise<void> {
    this.record('pullImage', reference);
    throw new Error(`pull ${reference}: no registry in the fake engine`);
  }
  async saveImages(): Promise<Readable> {
    throw new Error('no save in the fake engine');
  }
  async loadImages(): Promise<string[]> {
    throw new Error('no load in the fake engine');
  }
  async dumpToFile(): Promise<ExecToFileResult> {
    throw new Error('no database in the fake engine');
  }
  async restoreFromFile(): Promise<InContainerResult> {
    throw new Error('no database in the fake engine');
  }
  async readInContainer(): Promise<InContainerResult> {
    throw new Error('no database in the fake engine');
  }
  async copyFileFromContainer(): Promise<{ bytes: number; sha256: string }> {
    throw new Error('no database in the fake engine');
  }
  async volumeMounts(): Promise<never[]> {
    throw new Error('no volumes in the fake engine');
  }
  async snapshotVolumes(): Promise<{ bytes: number; sha256: string }> {
    throw new Error('no volumes in the fake engine');
  }
  async restoreVolumes(): Promise<void> {
    throw new Error('no volumes in the fake engine');
  }
  async copyFileToContainer(): Promise<void> {
    throw new Error('no database in the fake engine');
  }
  async startContainer(): Promise<void> {
    throw new Error('no database in the fake engine');
  }
  async tagImage(id: string, repository: string, tag: string): Promise<void> {
    this.record('tagImage', id, repository, tag);
    const source = this.localImages.find((x) => x.id === id);
    if (!source) throw new Error(`no image ${id}`);
    this.localImages = this.localImages.filter((x) => !(x.repository === repository && x.tag === tag));
    this.localImages.push({ ...source, repository, tag });
  }

  async removeImage(reference: string): Promise<ImageRemoval> {
    this.record('removeImage', reference);
    const inUse = this.containerList.some((c) => c.image === reference);
    const before = this.localImages.length;
    if (!inUse) this.localImages = this.localImages.filter((i) => `${i.repository}:${i.tag}` !== reference);
    const deleted = this.localImages.length < before;
    return { reference, deleted, bytes: deleted ? 1000 : 0, inUse, error: inUse ? 'image is in use' : null };
  }
  async startBeside(req: ApplyRequest): Promise<{ created: Record<string, string>; error: Error | null }> {
    this.record('startBeside', req);
    return { created: Object.fromEntries(req.services.map((s) => [s, this.run(s, this.imageFor(s, req.tags)).id])), error: null };
  }
  async removeContainer(id: string): Promise<void> {
    this.record('removeContainer', id);
    this.containerList = this.containerList.filter((c) => c.id !== id);
  }
  async signal(id: string, signal: string): Promise<void> {
    this.record('signal', id, signal);
  }
  async putFile(id: string, dir: string, name: string, content: string): Promise<void> {
    this.record('putFile', id, dir, name, content);
  }
}

export const COMPOSE = `services:
  db:
    image: postgres:16
  api:
    image: repo/api:\${API_IMAGE_TAG:-latest}
    depends_on: [db]
  web:
    image: repo/web:\${WEB_IMAGE_TAG:-latest}
    depends_on: [api]
`;

export interface FakeStack {
  ctx: OpContext;
  engine: FakeEngine;
  dir: string;
  /** progress lines and warnings, as the user reads them */
  lines: string[];
  /** questions asked at the prompt; each is answered `answer` */
  questions: string[];
  answer: boolean;
  releases(): Release[];
  metrics(): MetricsEntry[];
  /** a file of the project directory, null when absent */
  read(name: string): string | null;
  close(): void;
}

/**
 * A project whose stack runs `running` (db and the versioned services) with local images of `versions`,
 * and whose history holds one successful deploy of each version in `history` (oldest first).
 * `reprise` is appended to reprise.yml (e.g. hooks).
 */
export function fakeStack(o: { running?: string | null; versions?: string[]; history?: string[]; reprise?: string } = {}): FakeStack {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-fake-'));
  const running = o.running === undefined ? 'v1' : o.running;
  writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
  writeFileSync(join(dir, 'reprise.yml'), `project: fakestack\nhealth:\n  timeout: 2s\n  interval: 20ms\n  readiness_delay: 0s\n${o.reprise ?? ''}`);
  writeFileSync(join(dir, '.env'), `API_IMAGE_TAG=${running ?? 'latest'}\nWEB_IMAGE_TAG=${running ?? 'latest'}\nDB_PASSWORD=fake-secret-password\n`);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const project = loadProject({ projectDir: dir }, env);
  const engine = new FakeEngine(project.versioned);
  engine.addVersions(...(o.versions ?? (running ? [running] : [])));
  engine.run('db', 'postgres:16');
  if (running) for (const s of project.versioned) engine.run(s.name, `${s.repository}:${running}`);
  const now = new Date('2024-06-01T12:00:00Z');
  const store = Store.open(project.stateFile, { now: () => now });
  let from: string | null = null;
  for (const version of o.history ?? []) {
    const r = store.startRelease({ project: project.name, kind: 'deploy', trigger: 'manual', version, fromVersion: from, startedAt: now.toISOString(), user: 'test', host: hostname(), message: null });
    store.finishRelease(r.id, { outcome: 'success', finishedAt: now.toISOString(), durationSeconds: 1, services: {} });
    from = version;
  }
  const stack: FakeStack = {
    engine, dir, lines: [], questions: [], answer: true, ctx: null as unknown as OpContext,
    releases: () => store.listReleases(project.name),
    metrics: () => readMetricsFile(project.metricsFile),
    read: (name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null),
    close: () => (store.close(), rmSync(dir, { recursive: true, force: true })),
  };
  const out = { line: (s: string) => stack.lines.push(s), warn: (s: string) => stack.lines.push(s) };
  const confirm = async (q: string): Promise<boolean> => (stack.questions.push(q), stack.answer);
  stack.ctx = { project, engine, store, env, lang: 'en', out, now: () => now, host: hostname(), user: 'test', pid: process.pid, confirm, checkpoint: async () => undefined, probe: probeHttp, options: { projectDir: dir }, engineFor: () => engine };
  return stack;
}
