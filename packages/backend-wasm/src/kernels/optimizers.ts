// Fused optimizer kernels for @tensile/optimizers' update ABI: inputs `params`, `grads` and `slots`
// (slot s of parameter i at s·P + i), attributes `hp` (lr resolved to a number), `step` (completed
// updates), `scalars` and `slotCount`; one packed output [update_0 … update_{P−1} | slot 0 of every
// parameter | …], (1 + S)·N long. Each kernel is the cpu backend's loop of the same name
// (packages/optimizers/src/fused/cpu), vectorized in assembly/optim.ts; the step-dependent
// coefficients are computed here once per step, in float64, exactly as those loops compute them.
//
// These kernel names are not in core's KernelMap (@tensile/optimizers registers them by string,
// and a backend does not import the optimizers package): `registerOptimizerKernels` is the one
// place where they meet the typed registry, through the casts below.
import type { KernelFunc, KernelName, TensorInfo } from '@tensile/core';
import { ValueError, registerKernel, sizeFromShape } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import type { ParallelKernel } from '../exports.js';

interface OptimizerInputs {
  params: TensorInfo[];
  grads: TensorInfo[];
  slots: TensorInfo[];
}

interface OptimizerAttrs {
  hp: Readonly<Record<string, unknown>>;
  step: number;
  scalars: Readonly<Record<string, number>>;
  slotCount: number;
}

/** One parameter's pointers: inputs, its update section and its next-slot sections. */
interface Sections {
  param: number;
  grad: number;
  slots: number[];
  update: number;
  next: number[];
  n: number;
}

/** Per-step coefficients → the module call for one parameter. */
type Body = (
  attrs: OptimizerAttrs,
  slotCount: number,
) => (s: Sections) => [ParallelKernel, number[]];

const GRAIN = 16384;

function num(hp: OptimizerAttrs['hp'], name: string): number {
  const v = hp[name];
  if (typeof v !== 'number')
    throw new ValueError('wasm optimizer kernel', `hp.${name} must be a number`);
  return v;
}

const flag = (hp: OptimizerAttrs['hp'], name: string): boolean => hp[name] === true;

function betas(hp: OptimizerAttrs['hp']): [number, number] {
  const b = hp.betas;
  if (!Array.isArray(b) || typeof b[0] !== 'number' || typeof b[1] !== 'number') {
    throw new ValueError('wasm optimizer kernel', 'hp.betas must be a pair of numbers');
  }
  return [b[0], b[1]];
}

/** 1 − βᵗ */
const biasCorrection = (beta: number, t: number): number => 1 - beta ** t;

/** NAdam's μₜ = β₁(1 − ½·0.96^{tψ}). */
const nadamMomentum = (beta1: number, decay: number, t: number): number =>
  beta1 * (1 - 0.5 * 0.96 ** (t * decay));

/** RAdam's r·√(1 − β₂ᵗ) of update t when ρₜ > 5, or undefined. */
function radamAdaptiveScale(beta2: number, t: number): number | undefined {
  const bc2 = biasCorrection(beta2, t);
  const rhoInf = 2 / (1 - beta2) - 1;
  const rhoT = rhoInf - (2 * t * beta2 ** t) / bc2;
  if (!(rhoT > 5)) return undefined;
  const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
  return rect * Math.sqrt(bc2);
}

const sgd: Body = ({ hp, step }) => {
  const lr = num(hp, 'lr');
  const momentum = num(hp, 'momentum');
  const damp = 1 - num(hp, 'dampening');
  const wd = num(hp, 'weightDecay');
  const nesterov = flag(hp, 'nesterov') ? 1 : 0;
  const first = step === 0 ? 1 : 0;
  const hasMomentum = momentum !== 0 ? 1 : 0;
  return (s) => [
    'sgdStep',
    [
      s.param,
      s.grad,
      s.slots[0] ?? 0,
      s.update,
      s.next[0] ?? 0,
      -lr,
      momentum,
      damp,
      wd,
      nesterov,
      first,
      hasMomentum,
    ],
  ];
};

const adam =
  (decoupled: boolean): Body =>
  ({ hp, step }) => {
    const lr = num(hp, 'lr');
    const wd = num(hp, 'weightDecay');
    const [beta1, beta2] = betas(hp);
    const t = step + 1;
    // PyTorch's step_size = lr/(1 − β₁ᵗ) and denominator √v/√(1 − β₂ᵗ) + eps
    const stepSize = -lr / biasCorrection(beta1, t);
    const invBc2Sqrt = 1 / Math.sqrt(biasCorrection(beta2, t));
    const amsgrad = flag(hp, 'amsgrad') ? 1 : 0;
    const coupled = decoupled ? 0 : wd;
    const decay = decoupled ? -lr * wd : 0;
    const eps = num(hp, 'eps');
    return (s) => [
      'adamStep',
      [
        s.param,
        s.grad,
        s.slots[0],
        s.slots[1],
        s.slots[2] ?? 0,
        s.update,
        s.next[0],
        s.next[1],
        s.next[2] ?? 0,
        coupled,
        beta1,
        beta2,
        stepSize,
        invBc2Sqrt,
        eps,
        decay,
        amsgrad,
      ],
    ];
  };

const nadam: Body = ({ hp, step, scalars }) => {
  const lr = num(hp, 'lr');
  const wd = num(hp, 'weightDecay');
  const [beta1, beta2] = betas(hp);
  const psi = num(hp, 'momentumDecay');
  const decoupled = flag(hp, 'decoupledWeightDecay');
  const t = step + 1;
  const mu = nadamMomentum(beta1, psi, t);
  const muNext = nadamMomentum(beta1, psi, t + 1);
  const muProduct = (scalars.muProduct ?? 1) * mu;
  const gradStep = (-lr * (1 - mu)) / (1 - muProduct);
  const avgStep = (-lr * muNext) / (1 - muProduct * muNext);
  const invBc2 = 1 / biasCorrection(beta2, t);
  const coupled = decoupled ? 0 : wd;
  const decay = decoupled ? -lr * wd : 0;
  const eps = num(hp, 'eps');
  return (s) => [
    'nadamStep',
    [
      s.param,
      s.grad,
      s.slots[0],
      s.slots[1],
      s.update,
      s.next[0],
      s.next[1],
      coupled,
      beta1,
      beta2,
      gradStep,
      avgStep,
      invBc2,
      eps,
      decay,
    ],
  ];
};

const radam: Body = ({ hp, step }) => {
  const lr = num(hp, 'lr');
  const wd = num(hp, 'weightDecay');
  const [beta1, beta2] = betas(hp);
  const decoupled = flag(hp, 'decoupledWeightDecay');
  const t = step + 1;
  const adaptive = radamAdaptiveScale(beta2, t);
  const stepSize = (-lr * (adaptive ?? 1)) / biasCorrection(beta1, t);
  const coupled = decoupled ? 0 : wd;
  const decay = decoupled ? -lr * wd : 0;
  const eps = num(hp, 'eps');
  return (s) => [
    'radamStep',
    [
      s.param,
      s.grad,
      s.slots[0],
      s.slots[1],
      s.update,
      s.next[0],
      s.next[1],
      coupled,
      beta1,
      beta2,
      stepSize,
      eps,
      decay,
      adaptive === undefined ? 0 : 1,
    ],
  ];
};

const adamax: Body = ({ hp, step }) => {
  const [beta1, beta2] = betas(hp);
  const stepSize = -num(hp, 'lr') / biasCorrection(beta1, step + 1);
  const wd = num(hp, 'weightDecay');
  const eps = num(hp, 'eps');
  return (s) => [
    'adamaxStep',
    [
      s.param,
      s.grad,
      s.slots[0],
      s.slots[1],
      s.update,
      s.next[0],
      s.next[1],
      wd,
      beta1,
      beta2,
      stepSize,
      eps,
    ],
  ];
};

const adagrad: Body = ({ hp, step }) => {
  const clr = num(hp, 'lr') / (1 + step * num(hp, 'lrDecay'));
  const wd = num(hp, 'weightDecay');
  const eps = num(hp, 'eps');
  return (s) => ['adagradStep', [s.param, s.grad, s.slots[0], s.update, s.next[0], wd, -clr, eps]];
};

const adadelta: Body = ({ hp }) => {
  const wd = num(hp, 'weightDecay');
  const rho = num(hp, 'rho');
  const eps = num(hp, 'eps');
  const lr = num(hp, 'lr');
  return (s) => [
    'adadeltaStep',
    [s.param, s.grad, s.slots[0], s.slots[1], s.update, s.next[0], s.next[1], wd, rho, eps, -lr],
  ];
};

const rmsprop: Body = ({ hp, step }) => {
  const centered = flag(hp, 'centered');
  const momentum = num(hp, 'momentum');
  const hasMomentum = momentum !== 0;
  const lr = num(hp, 'lr');
  const wd = num(hp, 'weightDecay');
  const alpha = num(hp, 'alpha');
  const eps = num(hp, 'eps');
  // slots: squareAvg, then gradAvg when centered, then the momentum buffer when momentum ≠ 0
  const avg = centered ? 1 : -1;
  const buf = hasMomentum ? (centered ? 2 : 1) : -1;
  return (s) => [
    'rmspropStep',
    [
      s.param,
      s.grad,
      s.slots[0],
      avg < 0 ? 0 : s.slots[avg],
      buf < 0 ? 0 : s.slots[buf],
      s.update,
      s.next[0],
      avg < 0 ? 0 : s.next[avg],
      buf < 0 ? 0 : s.next[buf],
      wd,
      alpha,
      eps,
      momentum,
      -lr,
      centered ? 1 : 0,
      hasMomentum ? 1 : 0,
      step === 0 ? 1 : 0,
    ],
  ];
};

/** The kernels by the names @tensile/optimizers gives them. */
export const OPTIMIZER_BODIES: ReadonlyArray<[string, Body]> = [
  ['SgdUpdate', sgd],
  ['AdamUpdate', adam(false)],
  ['AdamwUpdate', adam(true)],
  ['NadamUpdate', nadam],
  ['RadamUpdate', radam],
  ['AdamaxUpdate', adamax],
  ['AdagradUpdate', adagrad],
  ['AdadeltaUpdate', adadelta],
  ['RmspropUpdate', rmsprop],
];

function optimizerKernel(name: string, body: Body) {
  return ({
    inputs,
    attrs,
    backend,
  }: {
    inputs: OptimizerInputs;
    attrs: OptimizerAttrs;
    backend: WasmBackend;
  }): TensorInfo => {
    const { params, grads, slots } = inputs;
    const count = params.length;
    const slotCount = attrs.slotCount;
    if (grads.length !== count || slots.length !== slotCount * count) {
      throw new ValueError(
        name,
        `expected ${count} grads and ${slotCount}·${count} slots, got ${grads.length} and ${slots.length}`,
      );
    }
    const dtype = count ? params[0].dtype : 'float32';
    const sizes = params.map((p) => sizeFromShape(p.shape));
    const total = sizes.reduce((a, b) => a + b, 0);
    const out = backend.output([(1 + slotCount) * total], dtype);
    const call = body(attrs, slotCount);
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const section = (s: number): number => out.ptr + (s * total + offset) * 4;
      const [kernel, args] = call({
        param: backend.ptr(params[i]),
        grad: backend.ptr(grads[i]),
        slots: Array.from({ length: slotCount }, (_, s) => backend.ptr(slots[s * count + i])),
        update: section(0),
        next: Array.from({ length: slotCount }, (_, s) => section(1 + s)),
        n: sizes[i],
      });
      backend.parallel(kernel, args, sizes[i], { grain: GRAIN, align: 4 });
      offset += sizes[i];
    }
    return out.info;
  };
}

/** Registers the fused optimizer kernels for `backendName`. */
export function registerOptimizerKernels(backendName: string): void {
  for (const [name, body] of OPTIMIZER_BODIES) {
    registerKernel({
      // names outside core's KernelMap: see the header
      kernelName: name as KernelName,
      backendName,
      kernelFunc: optimizerKernel(name, body) as unknown as KernelFunc<KernelName>,
    });
  }
}
