// Most optimizers are a short chain of building blocks whose arguments are hyper-parameters. This
// turns "a chain built from this step's hyper-parameters" into a definition's `init` and `update`.
import type { GradientTransformation } from '../transform.js';
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
 * hyper-parameters of each step (lr already resolved) and the step number; it must build chains
 * of the same structure every time, since they share one state.
 */
export function fromChain<H extends BaseHyperparams, S>(
  build: (hp: ResolvedHyperparams<H>, step: number) => GradientTransformation<S>,
): Pick<OptimizerDefinition<H, S>, 'init' | 'update'> {
  return {
    init: (params, hp) => build(hp, 0).init(params),
    update: (grads, state, params, hp, step) => build(hp, step).update(grads, state, params),
  };
}
