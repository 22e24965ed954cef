// What the harness made and cleanup.ts removes at the end of a test file: the test projects, image versions
// built for no project, and other compose projects (e.g. a test project's environments).
import type { Project } from './project';

export const createdProjects: Project[] = [];
export const orphanVersions = new Set<string>();
export const extraProjects = new Set<string>();
