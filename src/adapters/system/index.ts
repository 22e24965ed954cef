export { collectSystemMetrics } from './system-metrics';
export type { DockerCounts } from './system-metrics';
