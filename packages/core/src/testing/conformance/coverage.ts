// Which kernels the backend implements natively, which run as core's composite, which are missing.
import { listComposites } from '../../engine/composites.js';
import { getKernel } from '../../engine/registry.js';
import { KERNEL_NAMES } from '../../kernels/names.js';
import type { KernelName } from '../../kernels/types.js';

export type Coverage = 'native' | 'composite' | 'missing';

export function coverageMatrix(
  backendName: string,
): Array<{ kernel: KernelName; coverage: Coverage }> {
  const composites = new Set(listComposites());
  return KERNEL_NAMES.map((kernel) => ({
    kernel,
    coverage: getKernel(kernel, backendName)
      ? 'native'
      : composites.has(kernel)
        ? 'composite'
        : 'missing',
  }));
}

/** The matrix as a markdown table. */
export function formatCoverage(backendName: string): string {
  const rows = coverageMatrix(backendName);
  const count = (c: Coverage) => rows.filter((r) => r.coverage === c).length;
  return [
    `| kernel | ${backendName} |`,
    '| --- | --- |',
    ...rows.map((r) => `| ${r.kernel} | ${r.coverage} |`),
    '',
    `${count('native')} native, ${count('composite')} composite, ${count('missing')} missing of ${rows.length}`,
  ].join('\n');
}
