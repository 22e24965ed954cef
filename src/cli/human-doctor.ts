// Transitional: test/unit/doctor.test.ts imports doctorText from here; the renderer is human/doctor.ts.
export { doctorText } from './human/doctor';
