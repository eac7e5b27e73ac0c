// Most optimizers are a short chain of building blocks whose arguments are hyper-parameters. This
// turns "a chain built from this step's hyper-parameters" into a definition's `init` and `update`.
import type { GradientTransformation } from '../transform.js';
import { updateWithin } from '../transform.js';
import type {
  BaseHyperparams,
  OptimizerDefinition,
  ResolvedHyperparams,
} from './define-optimizer.js';

/** The state type of a transformation, or of a function returning one. */
export type StateOf<T> = T extends (...args: never[]) => infer R
  ? StateOf<R>
  : T extends GradientTransformation<infer S>
    ? S
    : never;

/**
 * `init` and `update` for `defineOptimizer` from a chain builder. The builder is called with the
 * hyper-parameters of each step (lr already resolved) and, if it takes a second argument, the step
 * number; it must build chains of the same structure every time, since they share one state. The
 * last chain is reused while the hyper-parameters object (and the step, for a builder that takes
 * it) stays the same: defineOptimizer hands out one object per learning-rate value.
 */
export function fromChain<H extends BaseHyperparams, S>(
  build: (hp: ResolvedHyperparams<H>, step: number) => GradientTransformation<S>,
): Pick<OptimizerDefinition<H, S>, 'init' | 'update'> {
  const usesStep = build.length >= 2;
  let last:
    { hp: ResolvedHyperparams<H>; step: number; chain: GradientTransformation<S> } | undefined;
  const chainFor = (hp: ResolvedHyperparams<H>, step: number): GradientTransformation<S> => {
    if (last === undefined || last.hp !== hp || (usesStep && last.step !== step)) {
      last = { hp, step, chain: build(hp, step) };
    }
    return last.chain;
  };
  return {
    init: (params, hp) => chainFor(hp, 0).init(params),
    update: (grads, state, params, hp, step) =>
      updateWithin(chainFor(hp, step), grads, state, params),
  };
}
