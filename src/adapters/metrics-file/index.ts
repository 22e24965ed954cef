export { appendMetricsEntry, readMetricsFile } from './metrics-file';
