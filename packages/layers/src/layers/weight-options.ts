// The kernel/bias options that dense, conv2d and the recurrent layers share, resolved once.
import type { ActivationName } from '../activations.js';
import { initializerFamily } from '../activations.js';
import type { Initializer, InitializerSpec } from '../initializers.js';
import { getInitializer, glorotUniform, heNormal, lecunNormal, zeros } from '../initializers.js';
import type { Constraint, ConstraintSpec, Regularizer, RegularizerSpec } from '../regularizers.js';
import { resolveConstraint, resolveRegularizer } from '../regularizers.js';

export interface KernelBiasArgs {
  /** Default by activation: He (normal) for the ReLU family, LeCun (normal) for SELU, else Glorot (uniform). */
  kernelInitializer?: InitializerSpec;
  /** Default zeros. */
  biasInitializer?: InitializerSpec;
  kernelRegularizer?: RegularizerSpec;
  biasRegularizer?: RegularizerSpec;
  kernelConstraint?: ConstraintSpec;
  biasConstraint?: ConstraintSpec;
}

export const KERNEL_BIAS_KEYS = [
  'kernelInitializer',
  'biasInitializer',
  'kernelRegularizer',
  'biasRegularizer',
  'kernelConstraint',
  'biasConstraint',
] as const;

export interface KernelBias {
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  kernelRegularizer?: Regularizer;
  biasRegularizer?: Regularizer;
  kernelConstraint?: Constraint;
  biasConstraint?: Constraint;
}

/** The default kernel initializer for an activation (see docs/layers.md, "Initializers"). */
export function defaultKernelInitializer(activation: ActivationName): Initializer {
  const family = initializerFamily(activation);
  return family === 'he' ? heNormal() : family === 'lecun' ? lecunNormal() : glorotUniform();
}

export function resolveKernelBias(
  op: string,
  args: KernelBiasArgs,
  activation: ActivationName,
): KernelBias {
  return {
    kernelInitializer: getInitializer(
      args.kernelInitializer,
      () => defaultKernelInitializer(activation),
      op,
    ),
    biasInitializer: getInitializer(args.biasInitializer, zeros, op),
    kernelRegularizer: resolveRegularizer(op, 'kernelRegularizer', args.kernelRegularizer),
    biasRegularizer: resolveRegularizer(op, 'biasRegularizer', args.biasRegularizer),
    kernelConstraint: resolveConstraint(op, 'kernelConstraint', args.kernelConstraint),
    biasConstraint: resolveConstraint(op, 'biasConstraint', args.biasConstraint),
  };
}
