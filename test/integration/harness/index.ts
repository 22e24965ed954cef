// The integration tests' harness, by concern: paths and names (paths), test projects (project), images
// (images), running reprise (run), what Docker runs (observe), waiting (wait), project files (files),
// plain compose (compose), cleanup (cleanup), and the fixtures: a stack on two versions (stack), the
// prod-like stack (prod-like), the current engine (current-engine), each engine's reality (engines).
// The shared scenarios register tests and hooks when called: import them by path (./harness/engine-table,
// ./harness/start-first-scenario).
export * from './paths';
export * from './project';
export * from './images';
export * from './run';
export * from './observe';
export * from './wait';
export * from './files';
export * from './compose';
export * from './cleanup';
export * from './stack';
export * from './prod-like';
export * from './current-engine';
export * from './engines';
