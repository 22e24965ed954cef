// The doctor's judgements moved to src/domain/doctor/ (one file per check); this re-export keeps the
// imports of the tests that still name this path working until they import the domain folder.
export * from '../domain/doctor';
