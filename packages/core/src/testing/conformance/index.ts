// runBackendConformance: the suite every backend runs (Tensile's own and third parties').
import { setSeed } from '../../random/seed.js';
import { tidy } from '../../engine/api.js';
import * as ops from '../../ops/index.js';
import { badInput } from './bad-input.js';
import { coverageMatrix, formatCoverage } from './coverage.js';
import { goldenActivations } from './golden-activations.js';
import { goldenLayers } from './golden-layers.js';
import type { TestApi } from './harness.js';
import { makeSection } from './harness.js';
import { opGradients } from './op-gradients.js';

export interface ConformanceOptions {
  /** Print the coverage matrix at the end (default true). */
  printCoverage?: boolean;
}

/**
 * Registers the conformance tests of `backendName` with the given runner: golden forward values
 * and VJPs, every op's gradient against float64 finite differences, memory balance, bad input,
 * determinism, and a coverage matrix that fails on any kernel neither native nor composite.
 */
export function runBackendConformance(
  backendName: string,
  api: TestApi,
  options: ConformanceOptions = {},
): void {
  const section = makeSection(backendName, api);
  api.describe(`backend conformance: ${backendName}`, () => {
    goldenActivations(section);
    goldenLayers(section);
    opGradients(section);
    badInput(section);
    api.describe('determinism', () => {
      api.it('the same seed gives bit-identical random tensors', async () => {
        await section.use();
        const draw = () =>
          tidy(() => {
            setSeed(1);
            const parts = [
              ops.randomNormal([64]),
              ops.randomUniform([64]),
              ops.truncatedNormal([64]),
              ops.dropoutMask([64], 0.3),
            ];
            return parts.flatMap((t) => Array.from(t.dataSync()));
          });
        api.expect(draw()).toEqual(draw());
      });
    });
    api.it('coverage matrix', () => {
      const missing = coverageMatrix(backendName).filter((r) => r.coverage === 'missing');
      if (options.printCoverage ?? true) console.log(formatCoverage(backendName));
      api.expect(missing.map((r) => r.kernel)).toEqual([]);
    });
  });
}

export { coverageMatrix, formatCoverage } from './coverage.js';
export type { Coverage } from './coverage.js';
export type { Assertion, TestApi } from './harness.js';
