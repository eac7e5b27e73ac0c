// @tensile/backend-cpu: importing this package registers the 'cpu' backend.
import { registerCpuBackend } from './register.js';

registerCpuBackend();

export { CpuBackend } from './backend.js';
export { CPU_KERNELS, registerCpuBackend } from './register.js';
