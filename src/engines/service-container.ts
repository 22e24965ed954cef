// Which container stands for a service: a pure choice, in the domain (domain/doctor/containers.ts).
export { serviceContainer } from '../domain/doctor/containers';
