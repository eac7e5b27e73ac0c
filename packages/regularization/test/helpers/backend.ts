// Registers the cpu backend for every test file (import this first), and exposes its
// registration function for tests that add a second backend.
import '@tensile/backend-cpu';

export { registerCpuBackend } from '@tensile/backend-cpu';
