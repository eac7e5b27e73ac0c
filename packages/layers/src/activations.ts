// Activations by name: every activation of core, the name a layer's `activation` option takes, the
// fused kernel it maps to where one exists, and the initializer family it defaults to.
import type { FusedActivation, Tensor } from '@tensile/core';
import * as tl from '@tensile/core';

/** Every name `activation` accepts (core's activations plus softmax and log-softmax). */
export const ACTIVATION_NAMES = [
  'linear',
  'sigmoid',
  'tanh',
  'relu',
  'relu6',
  'leakyRelu',
  'elu',
  'selu',
  'gelu',
  'geluTanh',
  'silu',
  'swish',
  'mish',
  'softplus',
  'softsign',
  'hardSigmoid',
  'hardSwish',
  'rrelu',
  'step',
  'softmax',
  'logSoftmax',
] as const;

export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** Which variance-scaling family a layer's kernel defaults to under this activation. */
export type InitializerFamily = 'glorot' | 'he' | 'lecun';

interface ActivationSpec {
  /** `training` matters for rrelu only (random slopes in training, mean slope in inference). */
  apply(x: Tensor, training: boolean): Tensor;
  /** The FusedMatMul activation computing the same function, when there is one. */
  fused?: FusedActivation;
  family: InitializerFamily;
}

// Defaults after Géron's table (Hands-On ML, 3rd ed., table 11-1): He for ReLU and its variants
// (leaky ReLU, ELU, GELU, Swish/SiLU, Mish), LeCun for SELU, Glorot for none/tanh/sigmoid/softmax.
const SPECS: Record<ActivationName, ActivationSpec> = {
  linear: { apply: (x) => tl.clone(x), fused: 'linear', family: 'glorot' },
  sigmoid: { apply: (x) => tl.sigmoid(x), fused: 'sigmoid', family: 'glorot' },
  tanh: { apply: (x) => tl.tanh(x), fused: 'tanh', family: 'glorot' },
  relu: { apply: (x) => tl.relu(x), fused: 'relu', family: 'he' },
  relu6: { apply: (x) => tl.relu6(x), fused: 'relu6', family: 'he' },
  leakyRelu: { apply: (x) => tl.leakyRelu(x), fused: 'leakyRelu', family: 'he' },
  elu: { apply: (x) => tl.elu(x), fused: 'elu', family: 'he' },
  selu: { apply: (x) => tl.selu(x), family: 'lecun' },
  gelu: { apply: (x) => tl.gelu(x), fused: 'gelu', family: 'he' },
  geluTanh: { apply: (x) => tl.gelu(x, { approximate: 'tanh' }), family: 'he' },
  silu: { apply: (x) => tl.silu(x), fused: 'silu', family: 'he' },
  swish: { apply: (x) => tl.silu(x), fused: 'silu', family: 'he' },
  mish: { apply: (x) => tl.mish(x), family: 'he' },
  softplus: { apply: (x) => tl.softplus(x), family: 'glorot' },
  softsign: { apply: (x) => tl.softsign(x), family: 'glorot' },
  hardSigmoid: { apply: (x) => tl.hardSigmoid(x), family: 'glorot' },
  hardSwish: { apply: (x) => tl.hardSwish(x), family: 'he' },
  rrelu: { apply: (x, training) => tl.rrelu(x, { training }), family: 'he' },
  step: { apply: (x) => tl.step(x), family: 'glorot' },
  softmax: { apply: (x) => tl.softmax(x), family: 'glorot' },
  logSoftmax: { apply: (x) => tl.logSoftmax(x), family: 'glorot' },
};

export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(SPECS, name);
}

/** Checks an `activation` option (undefined means linear) and returns its name. */
export function resolveActivation(op: string, name: unknown): ActivationName {
  if (name === undefined || name === null) return 'linear';
  if (!isActivationName(name)) {
    throw tl.invalidArgument(op, 'activation', `one of ${ACTIVATION_NAMES.join(', ')}`, name);
  }
  return name;
}

/** Applies the named activation; `linear` returns a view (nothing is copied). */
export function applyActivation(name: ActivationName, x: Tensor, training = false): Tensor {
  return SPECS[name].apply(x, training);
}

/** The fused-kernel activation, or undefined when the activation has none (softmax, selu …). */
export function fusedActivation(name: ActivationName): FusedActivation | undefined {
  return SPECS[name].fused;
}

export function initializerFamily(name: ActivationName): InitializerFamily {
  return SPECS[name].family;
}
