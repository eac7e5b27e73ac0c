// The fused optimizer kernels against float64 loops of the same formulas (those of
// @tensile/optimizers' cpu kernels, packages/optimizers/src/fused/cpu), on several parameters with
// vector tails, at the first step and a later one, for every option that changes the math.
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { firstMismatch, values } from '../helpers.js';

type Hp = Record<string, number | boolean | number[]>;
type Arrays = { param: Float64Array; grad: Float64Array; slots: Float64Array[] };
type Reference = (
  a: Arrays,
  hp: Hp,
  step: number,
  scalars: Record<string, number>,
) => {
  update: Float64Array;
  next: Float64Array[];
};

const n = (hp: Hp, k: string): number => hp[k] as number;
const bc = (beta: number, t: number): number => 1 - beta ** t;

const sgd: Reference = ({ param, grad, slots }, hp, step) => {
  const update = new Float64Array(param.length);
  const next = slots.map((s) => new Float64Array(s.length));
  for (let i = 0; i < param.length; i++) {
    const d = grad[i] + n(hp, 'weightDecay') * param[i];
    if (n(hp, 'momentum') === 0) {
      update[i] = -n(hp, 'lr') * d;
      continue;
    }
    const b = step === 0 ? d : n(hp, 'momentum') * slots[0][i] + (1 - n(hp, 'dampening')) * d;
    next[0][i] = b;
    update[i] = -n(hp, 'lr') * (hp.nesterov ? d + n(hp, 'momentum') * b : b);
  }
  return { update, next };
};

const adamLike =
  (kind: 'adam' | 'adamw' | 'nadam' | 'radam'): Reference =>
  ({ param, grad, slots }, hp, step, scalars) => {
    const [b1, b2] = hp.betas as number[];
    const lr = n(hp, 'lr');
    const wd = n(hp, 'weightDecay');
    const t = step + 1;
    const decoupled = kind === 'adamw' || hp.decoupledWeightDecay === true;
    const update = new Float64Array(param.length);
    const next = slots.map((s) => new Float64Array(s.length));
    const mu = (tt: number) => b1 * (1 - 0.5 * 0.96 ** (tt * n(hp, 'momentumDecay')));
    let adaptive: number | undefined;
    if (kind === 'radam') {
      const rhoInf = 2 / (1 - b2) - 1;
      const rhoT = rhoInf - (2 * t * b2 ** t) / bc(b2, t);
      adaptive =
        rhoT > 5
          ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) *
            Math.sqrt(bc(b2, t))
          : undefined;
    }
    for (let i = 0; i < param.length; i++) {
      const d = grad[i] + (decoupled ? 0 : wd) * param[i];
      const m = b1 * slots[0][i] + (1 - b1) * d;
      let v = b2 * slots[1][i] + (1 - b2) * d * d;
      next[0][i] = m;
      next[1][i] = v;
      let u: number;
      if (kind === 'nadam') {
        const product = scalars.muProduct * mu(t);
        const gradStep = (-lr * (1 - mu(t))) / (1 - product);
        const avgStep = (-lr * mu(t + 1)) / (1 - product * mu(t + 1));
        u = (gradStep * d + avgStep * m) / (Math.sqrt(v / bc(b2, t)) + n(hp, 'eps'));
      } else if (kind === 'radam') {
        const s = (-lr * (adaptive ?? 1)) / bc(b1, t);
        u = adaptive === undefined ? s * m : (s * m) / (Math.sqrt(v) + n(hp, 'eps'));
      } else {
        if (hp.amsgrad) {
          v = Math.max(slots[2][i], v);
          next[2][i] = v;
        }
        u = ((-lr / bc(b1, t)) * m) / (Math.sqrt(v) / Math.sqrt(bc(b2, t)) + n(hp, 'eps'));
      }
      update[i] = u + (decoupled ? -lr * wd : 0) * param[i];
    }
    return { update, next };
  };

const adamax: Reference = ({ param, grad, slots }, hp, step) => {
  const [b1, b2] = hp.betas as number[];
  const update = new Float64Array(param.length);
  const next = slots.map((s) => new Float64Array(s.length));
  for (let i = 0; i < param.length; i++) {
    const d = grad[i] + n(hp, 'weightDecay') * param[i];
    const m = b1 * slots[0][i] + (1 - b1) * d;
    const u = Math.max(b2 * slots[1][i], Math.abs(d) + n(hp, 'eps'));
    next[0][i] = m;
    next[1][i] = u;
    update[i] = ((-n(hp, 'lr') / bc(b1, step + 1)) * m) / u;
  }
  return { update, next };
};

const adagrad: Reference = ({ param, grad, slots }, hp, step) => {
  const clr = n(hp, 'lr') / (1 + step * n(hp, 'lrDecay'));
  const update = new Float64Array(param.length);
  const next = [new Float64Array(param.length)];
  for (let i = 0; i < param.length; i++) {
    const d = grad[i] + n(hp, 'weightDecay') * param[i];
    const s = slots[0][i] + d * d;
    next[0][i] = s;
    update[i] = (-clr * d) / (Math.sqrt(s) + n(hp, 'eps'));
  }
  return { update, next };
};

const adadelta: Reference = ({ param, grad, slots }, hp) => {
  const rho = n(hp, 'rho');
  const eps = n(hp, 'eps');
  const update = new Float64Array(param.length);
  const next = [new Float64Array(param.length), new Float64Array(param.length)];
  for (let i = 0; i < param.length; i++) {
    const d = grad[i] + n(hp, 'weightDecay') * param[i];
    const sq = rho * slots[0][i] + (1 - rho) * d * d;
    const delta = Math.sqrt((slots[1][i] + eps) / (sq + eps)) * d;
    next[0][i] = sq;
    next[1][i] = rho * slots[1][i] + (1 - rho) * delta * delta;
    update[i] = -n(hp, 'lr') * delta;
  }
  return { update, next };
};

const rmsprop: Reference = ({ param, grad, slots }, hp, step) => {
  const alpha = n(hp, 'alpha');
  const update = new Float64Array(param.length);
  const next = slots.map((s) => new Float64Array(s.length));
  const buf = hp.centered ? 2 : 1;
  for (let i = 0; i < param.length; i++) {
    const d = grad[i] + n(hp, 'weightDecay') * param[i];
    const sq = alpha * slots[0][i] + (1 - alpha) * d * d;
    next[0][i] = sq;
    let variance = sq;
    if (hp.centered) {
      const mean = alpha * slots[1][i] + (1 - alpha) * d;
      next[1][i] = mean;
      variance = sq - mean * mean;
    }
    let x = d / (Math.sqrt(variance) + n(hp, 'eps'));
    if (n(hp, 'momentum') !== 0) {
      x = step === 0 ? x : n(hp, 'momentum') * slots[buf][i] + x;
      next[buf][i] = x;
    }
    update[i] = -n(hp, 'lr') * x;
  }
  return { update, next };
};

interface Case {
  kernel: string;
  hp: Hp;
  slots: number;
  reference: Reference;
  scalars?: Record<string, number>;
}

const ADAM = { lr: 1e-2, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01, amsgrad: false };
const CASES: Case[] = [
  {
    kernel: 'SgdUpdate',
    hp: { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: false, weightDecay: 0.01 },
    slots: 1,
    reference: sgd,
  },
  {
    kernel: 'SgdUpdate',
    hp: { lr: 0.1, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0 },
    slots: 1,
    reference: sgd,
  },
  {
    kernel: 'SgdUpdate',
    hp: { lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0.1 },
    slots: 0,
    reference: sgd,
  },
  { kernel: 'AdamUpdate', hp: ADAM, slots: 2, reference: adamLike('adam') },
  { kernel: 'AdamUpdate', hp: { ...ADAM, amsgrad: true }, slots: 3, reference: adamLike('adam') },
  { kernel: 'AdamwUpdate', hp: ADAM, slots: 2, reference: adamLike('adamw') },
  {
    kernel: 'NadamUpdate',
    hp: { ...ADAM, momentumDecay: 4e-3, decoupledWeightDecay: false },
    slots: 2,
    reference: adamLike('nadam'),
    scalars: { muProduct: 0.7 },
  },
  {
    kernel: 'NadamUpdate',
    hp: { ...ADAM, momentumDecay: 4e-3, decoupledWeightDecay: true },
    slots: 2,
    reference: adamLike('nadam'),
    scalars: { muProduct: 0.7 },
  },
  {
    kernel: 'RadamUpdate',
    hp: { ...ADAM, decoupledWeightDecay: false },
    slots: 2,
    reference: adamLike('radam'),
  },
  {
    kernel: 'RadamUpdate',
    hp: { ...ADAM, decoupledWeightDecay: true },
    slots: 2,
    reference: adamLike('radam'),
  },
  {
    kernel: 'AdamaxUpdate',
    hp: { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01 },
    slots: 2,
    reference: adamax,
  },
  {
    kernel: 'AdagradUpdate',
    hp: { lr: 0.01, lrDecay: 0.01, eps: 1e-10, weightDecay: 0.01 },
    slots: 1,
    reference: adagrad,
  },
  {
    kernel: 'AdadeltaUpdate',
    hp: { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0.01 },
    slots: 2,
    reference: adadelta,
  },
  ...[false, true].flatMap((centered) =>
    [0, 0.9].map((momentum) => ({
      kernel: 'RmspropUpdate',
      hp: { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0.01, momentum, centered },
      slots: 1 + (centered ? 1 : 0) + (momentum !== 0 ? 1 : 0),
      reference: rmsprop,
    })),
  ),
];

const SHAPES = [[37, 5], [13], [1000]];

describe('fused optimizer kernels', () => {
  for (const c of CASES) {
    for (const step of [0, 9]) {
      it(`${c.kernel} ${JSON.stringify(c.hp)} at step ${step}`, async () => {
        await tl.setBackend('wasm');
        const sizes = SHAPES.map((s) => s.reduce((p, d) => p * d, 1));
        // second-moment-like slots stay positive
        const arrays = SHAPES.map((_, i) => ({
          param: values(sizes[i], 10 + i),
          grad: values(sizes[i], 20 + i),
          // RMSprop's centered gradient average stays well below √(square average), as in training
          slots: Array.from({ length: c.slots }, (_, s) =>
            c.kernel === 'RmspropUpdate' && c.hp.centered && s === 1
              ? values(sizes[i], 30 + 7 * s + i, -0.05, 0.05)
              : values(sizes[i], 30 + 7 * s + i, 0.01, 1),
          ),
        }));
        const scalars = c.scalars ?? {};
        const packed = tl.tidy(() => {
          const t = (a: Float32Array, i: number) => tl.tensor(a, SHAPES[i]);
          const out = tl.runKernel(
            c.kernel as tl.KernelName,
            {
              params: arrays.map((a, i) => t(a.param, i)),
              grads: arrays.map((a, i) => t(a.grad, i)),
              slots: Array.from({ length: c.slots }, (_, s) =>
                arrays.map((a, i) => t(a.slots[s], i)),
              ).flat(),
            } as never,
            { hp: c.hp, step, scalars, slotCount: c.slots } as never,
          );
          return Float64Array.from(out.dataSync() as Float32Array);
        });
        const total = sizes.reduce((a, b) => a + b, 0);
        expect(packed.length).toBe((1 + c.slots) * total);
        let offset = 0;
        arrays.forEach((a, i) => {
          const expected = c.reference(
            {
              param: Float64Array.from(a.param),
              grad: Float64Array.from(a.grad),
              slots: a.slots.map((s) => Float64Array.from(s)),
            },
            c.hp,
            step,
            scalars,
          );
          [expected.update, ...expected.next].forEach((e, s) => {
            const actual = packed.subarray(s * total + offset, s * total + offset + sizes[i]);
            const at = firstMismatch(actual, e, 2e-5, 1e-7);
            if (at >= 0)
              throw new Error(`parameter ${i} section ${s}[${at}]: ${actual[at]} vs ${e[at]}`);
          });
          offset += sizes[i];
        });
      });
    }
  }
});
