// `compile`: resolves the optimizer, the loss and the metrics, and decides two things once: which
// task the targets encode (for the metrics), and whether the output activation is fused into the
// loss. A softmax output with (sparse) categorical cross-entropy, or a sigmoid output with binary
// cross-entropy, is trained from the pre-activation logits (log-softmax / softplus), which is
// stable where log(softmax(z)) underflows; predictions still come out as probabilities.
import * as tl from '@tensile/core';
import type { Layer } from '../layers/layer.js';
import type { LossFunction } from '../losses/loss.js';
import type { LossSpec, ResolvedLoss } from '../losses/registry.js';
import { resolveLoss } from '../losses/registry.js';
import type { CompiledMetric, MetricInputs, MetricSpec, Task } from './metrics.js';
import { resolveMetrics } from './metrics.js';
import type { GradientTransformation } from './optimizer.js';
import { resolveOptimizer } from './optimizer.js';

export interface CompileArgs {
  /** A transformation from @tensile/optimizers (`adam({lr: 1e-3})`), or an optimizer's name. */
  optimizer: GradientTransformation | string;
  /** A loss name ('categoricalCrossentropy'), a loss function, or `{name, options}`. */
  loss: LossSpec;
  /** Metric names ('accuracy', 'f1', …) or @tensile/metrics streaming instances. */
  metrics?: MetricSpec[];
}

export interface Compiled {
  transformation: GradientTransformation;
  loss: ResolvedLoss;
  metrics: CompiledMetric[];
  task: Task;
  /** The first output's layer, whose activation may be fused into the loss. */
  fusedActivation: 'softmax' | 'sigmoid' | null;
  metricInputs: MetricInputs;
}

const TASKS: Record<string, Task> = {
  binaryCrossentropy: 'binary',
  hinge: 'binary',
  categoricalCrossentropy: 'categorical',
  sparseCategoricalCrossentropy: 'sparse',
};

export function compileArgs(
  args: CompileArgs,
  outputLayer: Layer | undefined,
  customLosses: Readonly<Record<string, LossFunction>> = {},
): Compiled {
  if (typeof args !== 'object' || args === null)
    throw tl.invalidArgument('compile', 'args', 'an object', args);
  for (const key of Object.keys(args)) {
    if (!['optimizer', 'loss', 'metrics'].includes(key)) {
      throw new tl.ValueError(
        'compile',
        `unknown option '${key}' (accepted: optimizer, loss, metrics)`,
      );
    }
  }
  if (args.loss === undefined) throw new tl.ValueError('compile', 'a loss is required');
  const transformation = resolveOptimizer(args.optimizer);
  const loss = resolveLoss(args.loss, customLosses);
  const task = (loss.builtin && TASKS[loss.builtin.lossName]) ?? 'regression';
  const fromLogits = loss.options.fromLogits === true;
  const activation = outputLayer?.activation;
  let fusedActivation: Compiled['fusedActivation'] = null;
  if (!fromLogits && loss.builtin !== undefined) {
    const name = loss.builtin.lossName;
    if (
      activation === 'softmax' &&
      (name === 'categoricalCrossentropy' || name === 'sparseCategoricalCrossentropy')
    ) {
      fusedActivation = 'softmax';
    } else if (activation === 'sigmoid' && name === 'binaryCrossentropy') {
      fusedActivation = 'sigmoid';
    }
  }
  return {
    transformation,
    loss,
    metrics: resolveMetrics(args.metrics, task),
    task,
    fusedActivation,
    metricInputs: { task, logits: fromLogits, signedTargets: loss.builtin?.lossName === 'hinge' },
  };
}
