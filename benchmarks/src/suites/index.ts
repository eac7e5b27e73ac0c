// The suites of the first benchmark issue: op level and one training step, each over every
// registered Tensile backend and TensorFlow.js's backends.
import type { BenchCase, Contender } from '../case.js';
import * as tensile from '../tensile.js';
import * as tfjs from '../tfjs.js';

type Builder = (backend: string) => Contender;

function across(build: { tensile: Builder; tfjs: Builder }): Contender[] {
  return [
    ...tensile.TENSILE_BACKENDS().map(build.tensile),
    ...tfjs.TFJS_BACKENDS().map(build.tfjs),
  ];
}

const MATMULS: Array<[number, number, number]> = [
  [128, 784, 256],
  [128, 256, 128],
  [512, 512, 512],
  [1024, 1024, 1024],
];
const MLP = [784, 256, 128, 10];

export function suites(): BenchCase[] {
  return [
    ...MATMULS.map(([m, k, n]): BenchCase => ({
      group: 'op',
      name: `matMul ${m}×${k}×${n}`,
      flops: 2 * m * k * n,
      contenders: across({
        tensile: (b) => tensile.matMul(b, m, k, n),
        tfjs: (b) => tfjs.matMul(b, m, k, n),
      }),
    })),
    {
      group: 'op',
      name: 'add 1M',
      contenders: across({
        tensile: (b) => tensile.add(b, 1 << 20),
        tfjs: (b) => tfjs.add(b, 1 << 20),
      }),
    },
    {
      group: 'op',
      name: 'exp 1M',
      contenders: across({
        tensile: (b) => tensile.unary(b, 1 << 20, 'exp'),
        tfjs: (b) => tfjs.unary(b, 1 << 20, 'exp'),
      }),
    },
    {
      group: 'op',
      name: 'softmax 128×10',
      contenders: across({
        tensile: (b) => tensile.softmax(b, 128, 10),
        tfjs: (b) => tfjs.softmax(b, 128, 10),
      }),
    },
    {
      group: 'op',
      name: 'conv2d 32×28×28×32, 3×3 same',
      flops: 2 * 32 * 28 * 28 * 32 * 9 * 32,
      contenders: across({
        tensile: (b) => tensile.conv2d(b, 32, 28, 32),
        tfjs: (b) => tfjs.conv2d(b, 32, 28, 32),
      }),
    },
    {
      group: 'step',
      name: 'Adam update over 235,146 parameters',
      contenders: [
        ...tensile
          .TENSILE_BACKENDS()
          .flatMap((b) => [tensile.adamStep(b, MLP, true), tensile.adamStep(b, MLP, false)]),
        ...tfjs.TFJS_BACKENDS().map((b) => tfjs.adamStep(b, MLP)),
      ],
    },
    {
      group: 'job',
      name: 'MLP inference, batch 1000',
      contenders: across({
        tensile: (b) => tensile.mlpInference(b, 1000, MLP),
        tfjs: (b) => tfjs.mlpInference(b, 1000, MLP),
      }),
    },
    {
      group: 'step',
      name: 'MLP 784-256-128-10 train step, batch 128',
      contenders: across({
        tensile: (b) => tensile.mlpStep(b, 128, MLP),
        tfjs: (b) => tfjs.mlpStep(b, 128, MLP),
      }),
    },
  ];
}
