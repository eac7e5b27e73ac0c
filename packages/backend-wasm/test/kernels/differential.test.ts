// Every kernel family against the cpu backend on shapes the conformance suite's small cases do not
// reach: SIMD main loops and tails, GEMM edge tiles and K blocks, broadcast patterns past four axes,
// long rows, transcendental functions over their whole range. Table-driven: a case is a name, a
// tolerance and a body run once per backend.
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { firstMismatch, ints, on, values } from '../helpers.js';

interface Case {
  name: string;
  body: () => tl.Tensor | tl.Tensor[];
  rtol?: number;
  atol?: number;
}

const f = (shape: number[], seed: number, lo = -1, hi = 1): tl.Tensor =>
  tl.tensor(
    values(
      shape.reduce((p, d) => p * d, 1),
      seed,
      lo,
      hi,
    ),
    shape,
  );
const i32 = (shape: number[], seed: number, lo: number, hi: number): tl.Tensor =>
  tl.tensor(
    ints(
      shape.reduce((p, d) => p * d, 1),
      seed,
      lo,
      hi,
    ),
    shape,
    'int32',
  );

/** Values spread over many magnitudes and both signs, plus the special values. */
function wide(n: number, seed: number, maxExp: number): tl.Tensor {
  const u = values(n, seed, -maxExp, maxExp);
  const s = values(n, seed + 1);
  const out = Float32Array.from(u, (e, i) => Math.sign(s[i]) * Math.exp(e));
  out.set([0, -0, Infinity, -Infinity, NaN, 1e-40, -1e-40], 0);
  return tl.tensor(out, [n]);
}

const UNARY: Array<[string, (x: tl.Tensor) => tl.Tensor, () => tl.Tensor, number?, number?]> = [
  ['exp', tl.exp, () => f([1003], 1, -110, 95)],
  ['log', tl.log, () => wide(1003, 2, 80)],
  ['log1p', tl.log1p, () => f([1003], 3, -1, 5)],
  ['log1p tiny', tl.log1p, () => wide(1003, 3, 20)],
  ['expm1', tl.expm1, () => f([1003], 4, -20, 20)],
  ['expm1 tiny', tl.expm1, () => wide(1003, 4, 15)],
  ['sqrt', tl.sqrt, () => wide(1003, 5, 60)],
  ['rsqrt', tl.rsqrt, () => f([1003], 6, 1e-3, 1e3)],
  ['reciprocal', tl.reciprocal, () => wide(1003, 7, 30)],
  ['erf', tl.erf, () => f([1003], 8, -6, 6)],
  ['sin', tl.sin, () => f([1003], 9, -100, 100), 2e-6, 2e-6],
  ['cos', tl.cos, () => f([1003], 10, -100, 100), 2e-6, 2e-6],
  ['sin huge', tl.sin, () => f([1003], 11, -1e6, 1e6), 1e-5, 1e-5],
  ['sigmoid', tl.sigmoid, () => f([1003], 12, -100, 100)],
  ['tanh', tl.tanh, () => f([1003], 13, -12, 12)],
  ['tanh tiny', tl.tanh, () => wide(1003, 13, 10)],
  ['relu', tl.relu, () => wide(1003, 14, 10)],
  ['relu6', tl.relu6, () => f([1003], 15, -10, 10)],
  ['leakyRelu', (x) => tl.leakyRelu(x, 0.1), () => f([1003], 16)],
  ['elu', (x) => tl.elu(x, 0.7), () => f([1003], 17, -20, 5)],
  ['selu', tl.selu, () => f([1003], 18, -20, 5)],
  ['gelu', (x) => tl.gelu(x), () => f([1003], 19, -12, 12)],
  ['gelu tanh', (x) => tl.gelu(x, { approximate: 'tanh' }), () => f([1003], 20, -12, 12)],
  ['silu', tl.silu, () => f([1003], 21, -90, 90)],
  ['mish', tl.mish, () => f([1003], 22, -30, 30)],
  ['softplus', tl.softplus, () => f([1003], 23, -90, 90)],
  ['softsign', tl.softsign, () => f([1003], 24, -10, 10)],
  ['hardSigmoid', tl.hardSigmoid, () => f([1003], 25, -5, 5)],
  ['hardSwish', tl.hardSwish, () => f([1003], 26, -5, 5)],
  ['step', tl.step, () => wide(1003, 27, 5)],
  ['sign', tl.sign, () => wide(1003, 28, 5)],
  ['abs', tl.abs, () => wide(1003, 29, 5)],
  ['neg', tl.neg, () => wide(1003, 30, 5)],
  ['square', tl.square, () => wide(1003, 31, 5)],
  ['floor', tl.floor, () => f([1003], 32, -50, 50)],
  ['ceil', tl.ceil, () => f([1003], 33, -50, 50)],
  ['round', tl.round, () => tl.mul(tl.round(tl.mul(f([1003], 34, -50, 50), 2)), 0.5)],
  ['clipByValue', (x) => tl.clipByValue(x, -0.3, 0.7), () => wide(1003, 35, 3)],
];

const CASES: Case[] = [
  ...UNARY.map(([name, op, input, rtol, atol]) => ({
    name: `unary ${name}`,
    body: () => op(input()),
    rtol: rtol ?? 1e-5,
    atol: atol ?? 1e-6,
  })),
  {
    name: 'int32 neg/abs/sign/square',
    body: () => [tl.neg, tl.abs, tl.sign, tl.square].map((op) => op(i32([1001], 1, -40000, 40000))),
  },
  { name: 'int32 clip', body: () => tl.clipByValue(i32([101], 2, -9, 9), -2.5, 4.5) },
  // broadcasting patterns, including more than four axes after merging
  ...(
    [
      [[1003], [1003]],
      [[1003], [1]],
      [[1], [1003]],
      [[129, 33], [33]],
      [
        [129, 33],
        [129, 1],
      ],
      [
        [7, 1, 5],
        [1, 6, 1],
      ],
      [
        [2, 3, 4, 5],
        [4, 1],
      ],
      [
        [3, 1, 4, 1, 5, 1],
        [1, 2, 1, 3, 1, 6],
      ],
    ] as const
  ).flatMap(([sa, sb], i) => [
    { name: `add ${sa} + ${sb}`, body: () => tl.add(f([...sa], 40 + i), f([...sb], 50 + i)) },
    {
      name: `div ${sa} / ${sb}`,
      body: () => tl.div(f([...sa], 40 + i), f([...sb], 50 + i, 0.5, 2)),
    },
    {
      name: `pow ${sa} ** ${sb}`,
      body: () => tl.pow(f([...sa], 40 + i, 0.1, 3), f([...sb], 50 + i, -2, 2)),
    },
    {
      name: `greater ${sa} > ${sb}`,
      body: () => tl.greater(f([...sa], 40 + i), f([...sb], 50 + i)),
    },
    { name: `maximum ${sa} ${sb}`, body: () => tl.maximum(f([...sa], 40 + i), f([...sb], 50 + i)) },
    {
      name: `squaredDifference ${sa} ${sb}`,
      body: () => tl.squaredDifference(f([...sa], 40 + i), f([...sb], 50 + i)),
    },
    {
      name: `mod ${sa} ${sb}`,
      body: () => tl.mod(f([...sa], 40 + i, -5, 5), f([...sb], 50 + i, 0.5, 2)),
      atol: 1e-5,
    },
  ]),
  {
    name: 'int32 arithmetic with zeros and negatives',
    body: () => {
      const a = i32([997], 3, -50, 50);
      const b = i32([997], 4, -7, 7);
      return [
        tl.add(a, b),
        tl.sub(a, b),
        tl.mul(a, b),
        tl.mod(a, b),
        tl.maximum(a, b),
        tl.minimum(a, b),
        tl.equal(a, b),
        tl.lessEqual(a, b),
      ];
    },
  },
  {
    name: 'bool logic and comparisons',
    body: () => {
      const a = tl.greater(f([1003], 5), 0);
      const b = tl.greater(f([1003], 6), 0.2);
      return [
        tl.logicalAnd(a, b),
        tl.logicalOr(a, b),
        tl.logicalNot(a),
        tl.equal(a, b),
        tl.less(a, b),
        tl.notEqual(a, b),
      ];
    },
  },
  {
    name: 'where with broadcasting, float and int',
    body: () => {
      const c = tl.greater(f([7, 1, 5], 7), 0);
      return [
        tl.where(c, f([1, 6, 5], 8), f([7, 6, 1], 9)),
        tl.where(c, i32([1, 6, 5], 1, 0, 9), i32([7, 1, 1], 2, 0, 9)),
      ];
    },
  },
  {
    name: 'where on bool values',
    body: () =>
      tl.where(
        tl.greater(f([7, 1, 33], 15), 0),
        tl.greater(f([1, 6, 33], 16), 0),
        tl.less(f([7, 6, 1], 17), 0),
      ),
  },
  { name: 'prelu per channel', body: () => tl.prelu(f([9, 7, 33], 10), f([33], 11, 0, 0.5)) },
  // reductions
  ...([[0], [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2]] as const).flatMap((axes) => [
    {
      name: `sum axes ${axes}`,
      body: () => tl.sum(f([7, 129, 33], 60), [...axes]),
      rtol: 1e-5,
      atol: 1e-5,
    },
    { name: `max axes ${axes}`, body: () => tl.max(f([7, 129, 33], 61), [...axes], true) },
    { name: `min axes ${axes}`, body: () => tl.min(f([7, 129, 33], 62), [...axes]) },
    {
      name: `logSumExp axes ${axes}`,
      body: () => tl.logSumExp(f([7, 129, 33], 63, -30, 30), [...axes]),
      rtol: 1e-5,
      atol: 1e-5,
    },
  ]),
  {
    name: 'prod',
    body: () => [tl.prod(f([9, 37], 64, 0.5, 1.5), 1), tl.prod(f([9, 37], 65, 0.5, 1.5), 0)],
    rtol: 1e-5,
  },
  {
    name: 'argMax/argMin',
    body: () => [
      tl.argMax(f([9, 37, 5], 66), 1),
      tl.argMin(f([9, 37, 5], 67), 2),
      tl.argMax(i32([50, 10], 1, 0, 4), 1),
    ],
  },
  {
    name: 'int and bool sums',
    body: () => [
      tl.sum(i32([9, 37], 3, -100, 100), 1),
      tl.sum(tl.greater(f([9, 37], 68), 0), 0),
      tl.max(i32([9, 37], 4, -100, 100), 0),
    ],
  },
  // softmax rows of many lengths
  ...[1, 3, 4, 10, 33, 1000].map((n) => ({
    name: `softmax and logSoftmax rows of ${n}`,
    body: () => {
      const x = f([17, n], 70 + n, -20, 20);
      return [tl.softmax(x), tl.logSoftmax(x)];
    },
  })),
  // matrix products: edge tiles (M % 4, N % 8), K blocks (K > 256), every transpose combination
  ...(
    [
      [1, 1, 1],
      [5, 7, 3],
      [4, 8, 8],
      [33, 300, 17],
      [64, 513, 40],
      [130, 784, 67],
    ] as const
  ).flatMap(([m, k, n]) =>
    (
      [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ] as const
    ).map(([ta, tb]) => ({
      name: `matMul ${m}×${k}×${n} ${ta ? 'Aᵀ' : 'A'}·${tb ? 'Bᵀ' : 'B'}`,
      body: () =>
        tl.matMul(f(ta ? [k, m] : [m, k], 80 + m), f(tb ? [n, k] : [k, n], 90 + n), ta, tb),
      rtol: 1e-4,
      atol: 1e-4,
    })),
  ),
  {
    name: 'batched matMul, batch broadcast both ways',
    body: () => [
      tl.matMul(f([3, 9, 17], 81), f([17, 12], 82)),
      tl.matMul(f([9, 17], 83), f([3, 17, 12], 84)),
      tl.matMul(f([3, 17, 9], 85), f([3, 12, 17], 86), true, true),
    ],
    rtol: 1e-4,
    atol: 1e-4,
  },
  ...(
    ['linear', 'relu', 'relu6', 'sigmoid', 'tanh', 'elu', 'leakyRelu', 'gelu', 'silu'] as const
  ).map((activation) => ({
    name: `fusedMatMul ${activation} with bias, edge tiles`,
    body: () =>
      tl.fusedMatMul({
        a: f([37, 300], 87, -1, 1),
        b: f([300, 21], 88, -0.2, 0.2),
        bias: f([21], 89),
        activation,
        alpha: 0.3,
      }),
    rtol: 1e-4,
    atol: 1e-4,
  })),
  {
    name: 'fusedMatMul transposed, no bias',
    body: () =>
      tl.fusedMatMul({
        a: f([300, 37], 90),
        b: f([21, 300], 91),
        transposeA: true,
        transposeB: true,
        activation: 'tanh',
      }),
    rtol: 1e-4,
    atol: 1e-4,
  },
  // data movement
  { name: 'transpose 2-D', body: () => tl.transpose(f([129, 67], 100)) },
  {
    name: 'transpose 4-D perms',
    body: () =>
      [
        [0, 2, 1, 3],
        [3, 2, 1, 0],
        [1, 3, 0, 2],
        [0, 1, 3, 2],
      ].map((p) => tl.transpose(f([3, 4, 5, 6], 101), p)),
  },
  {
    name: 'transpose bool and int',
    body: () => [
      tl.transpose(tl.greater(f([9, 13], 102), 0)),
      tl.transpose(i32([9, 13], 5, 0, 100)),
    ],
  },
  {
    name: 'slice',
    body: () => [
      tl.slice(f([7, 9, 11], 103), [1, 2, 3], [5, 6, 7]),
      tl.slice(f([7, 9, 11], 104), [0, 0, 5], [7, 9, 6]),
    ],
  },
  {
    name: 'concat on every axis',
    body: () =>
      [0, 1, 2].map((axis) =>
        tl.concat([f([3, 4, 5], 105), f([3, 4, 5], 106), f([3, 4, 5], 107)], axis),
      ),
  },
  {
    name: 'pad',
    body: () => [
      tl.pad(
        f([4, 5, 6], 108),
        [
          [1, 2],
          [0, 3],
          [2, 0],
        ],
        0.5,
      ),
      tl.pad(
        i32([4, 5], 6, 0, 9),
        [
          [2, 1],
          [1, 1],
        ],
        7,
      ),
    ],
  },
  {
    name: 'tile',
    body: () => [tl.tile(f([3, 4], 109), [2, 3]), tl.tile(f([2, 1, 3], 110), [3, 4, 1])],
  },
  { name: 'broadcastTo', body: () => tl.broadcastTo(f([3, 1, 5], 111), [2, 3, 4, 5]) },
  {
    name: 'gather axis 0 and 1',
    body: () => [
      tl.gather(f([11, 7], 112), i32([5, 3], 7, 0, 11)),
      tl.gather(f([4, 11, 7], 113), i32([9], 8, 0, 11), 1),
    ],
  },
  {
    name: 'gather gradient (scatterAdd) with repeats',
    body: () =>
      tl.grad((x: tl.Tensor) =>
        tl.sum(
          tl.mul(tl.gather(x, tl.tensor(Int32Array.from([1, 3, 1, 1, 0, 3]), [6])), f([6, 5], 114)),
        ),
      )(f([4, 5], 115)),
  },
  {
    name: 'oneHot',
    body: () => [
      tl.oneHot(i32([9, 3], 9, -1, 12), 10),
      tl.oneHot(i32([9], 10, 0, 10), 10, 3, -1, 'int32'),
    ],
  },
  {
    name: 'cast',
    body: () => {
      const x = tl.tensor(
        Float32Array.from([1.7, -1.7, 0, -0, 3e9, -3e9, NaN, Infinity, 0.5, 2]),
        [10],
      );
      return [
        tl.cast(x, 'int32'),
        tl.cast(x, 'bool'),
        tl.cast(tl.cast(x, 'int32'), 'float32'),
        tl.cast(tl.cast(x, 'bool'), 'int32'),
      ];
    },
  },
  // convolution and pooling, forward and both gradients, on awkward geometries
  ...(
    [
      { x: [2, 9, 11, 3], w: [3, 2, 3, 5], strides: 2, pad: 'same', dilations: 1 },
      { x: [1, 12, 10, 4], w: [3, 3, 4, 9], strides: 1, pad: 1, dilations: 2 },
      { x: [3, 6, 7, 5], w: [1, 1, 5, 7], strides: 1, pad: 'valid', dilations: 1 },
      { x: [2, 28, 28, 1], w: [5, 5, 1, 8], strides: 1, pad: 'same', dilations: 1 },
    ] as const
  ).map((g, i) => ({
    name: `conv2d ${g.x}*${g.w} s${g.strides} ${g.pad} d${g.dilations}: value and both gradients`,
    body: () => {
      const x = f([...g.x], 120 + i);
      const w = f([...g.w], 130 + i);
      const loss = (a: tl.Tensor, b: tl.Tensor) =>
        tl.sum(
          tl.square(tl.conv2d(a, b, { strides: g.strides, pad: g.pad, dilations: g.dilations })),
        );
      const [dx, dw] = tl.grads(loss)([x, w]);
      return [tl.conv2d(x, w, { strides: g.strides, pad: g.pad, dilations: g.dilations }), dx, dw];
    },
    rtol: 1e-4,
    atol: 1e-4,
  })),
  ...(
    [
      { filterSize: 2, strides: 2, pad: 'valid' },
      { filterSize: 3, strides: 2, pad: 'same' },
      { filterSize: [3, 2], strides: 1, pad: 1 },
    ] as const
  ).flatMap((p, i) =>
    (['max', 'avg'] as const).map((kind) => ({
      name: `${kind}Pool2d ${JSON.stringify(p)}: value and gradient`,
      body: () => {
        const x = f([2, 9, 7, 6], 140 + i);
        const pool = (t: tl.Tensor) =>
          (kind === 'max' ? tl.maxPool2d : tl.avgPool2d)(t, {
            filterSize: p.filterSize as tl.Pair,
            strides: p.strides,
            pad: p.pad,
          });
        const up = f(pool(x).shape as number[], 150 + i);
        return [pool(x), tl.grad((t: tl.Tensor) => tl.sum(tl.mul(pool(t), up)))(x)];
      },
    })),
  ),
  {
    name: 'batchNorm, per-channel and NCHW-broadcast statistics',
    body: () => [
      tl.batchNorm(f([6, 5, 7], 160), f([7], 161), f([7], 162, 0.1, 2), f([7], 163), f([7], 164)),
      tl.batchNorm(
        f([2, 3, 4, 5], 165),
        f([1, 3, 1, 1], 166),
        f([1, 3, 1, 1], 167, 0.1, 2),
        f([1, 3, 1, 1], 168),
        undefined,
      ),
      tl.batchNorm(f([4, 6], 169), f([4, 1], 170), f([6], 171, 0.5, 1), undefined, f([1], 172)),
    ],
    rtol: 1e-5,
    atol: 1e-5,
  },
  {
    name: 'layerNorm, with and without gamma/beta',
    body: () => [
      tl.layerNorm(f([9, 37], 173, -3, 5), f([37], 174), f([37], 175)),
      tl.layerNorm(f([9, 4], 176)),
      tl.layerNorm(f([3, 1000], 177, 100, 101)),
    ],
    rtol: 1e-4,
    atol: 1e-4,
  },
];

describe('wasm kernels agree with the cpu backend', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const expected = await on('cpu', c.body);
      const actual = await on('wasm', c.body);
      expect(actual.length).toBe(expected.length);
      actual.forEach((a, k) => {
        expect(a.shape).toEqual(expected[k].shape);
        expect(a.dtype).toBe(expected[k].dtype);
        const at = firstMismatch(a.data, expected[k].data, c.rtol ?? 1e-6, c.atol ?? 1e-7);
        if (at >= 0) {
          throw new Error(
            `${c.name} output ${k}[${at}]: wasm ${a.data[at]}, cpu ${expected[k].data[at]}`,
          );
        }
      });
    });
  }
});
