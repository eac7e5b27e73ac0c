// The epoch loop of `tensile train`. Each epoch is one `model.fit` call (initialEpoch = epoch), so
// the loop can hand fit freshly augmented images every epoch and step a plateau schedule from the
// validation loss, while the optimizer state and step count carry over between calls. Early
// stopping is @tensile/regularization's state machine: it says when the weights are the best so
// far (we snapshot them) and when to stop; at the end the best epoch's weights are put back even
// when training ran to the last epoch, so the saved model is the one the validation set chose.
import type { Tensor } from '@tensile/core';
import type { Sequential } from '@tensile/layers';
import type { WeightsSnapshot } from '@tensile/regularization';
import { EarlyStopping, snapshotWeights } from '@tensile/regularization';
import { reduceLROnPlateau } from '@tensile/schedulers';
import type { EpochRecord, Progress } from '../progress.js';
import { formatDuration } from '../progress.js';
import type { MnistRecipe } from '../recipes/mnist.js';
import { buildOptimizer } from '../recipes/mnist.js';
import type { MnistSplits } from './mnist-data.js';

/** Returns a new tensor of augmented training images for an epoch (owned by the loop). */
export type EpochAugmenter = (x: Tensor, epoch: number) => Tensor;

export interface TrainLoopResult {
  history: EpochRecord[];
  /** 1-based epoch whose weights the model ends with. */
  bestEpoch: number;
  /** Early stopping ended the run before `recipe.epochs`. */
  stoppedEarly: boolean;
  /** Wall time of the epochs, in seconds. */
  seconds: number;
}

const PLATEAU = { factor: 0.5, patience: 2 } as const;

export async function trainLoop(
  model: Sequential,
  recipe: MnistRecipe,
  splits: MnistSplits,
  progress: Progress,
  augment?: EpochAugmenter,
): Promise<TrainLoopResult> {
  const nTrain = splits.train.x.shape[0];
  const stepsPerEpoch = Math.ceil(nTrain / recipe.batchSize);
  model.compile({
    optimizer: buildOptimizer(recipe, stepsPerEpoch),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  // patience 0 means "never stop early": keep watching for the best epoch all the same.
  const stopper = new EarlyStopping({
    monitor: recipe.monitor,
    patience: recipe.patience > 0 ? recipe.patience : recipe.epochs + 1,
    restoreBestWeights: true,
  });
  const plateau =
    recipe.schedule === 'plateau'
      ? reduceLROnPlateau({ lr0: recipe.lr, mode: 'min', ...PLATEAU })
      : undefined;
  const history: EpochRecord[] = [];
  let best: WeightsSnapshot | undefined;
  let stoppedEarly = false;
  const start = Date.now();
  try {
    for (let epoch = 0; epoch < recipe.epochs; epoch++) {
      const epochStart = Date.now();
      progress.epochBegin(epoch, stepsPerEpoch);
      const x = augment === undefined ? splits.train.x : augment(splits.train.x, epoch);
      let logs: Record<string, number[]>;
      try {
        const fitted = await model.fit(x, splits.train.y, {
          epochs: epoch + 1,
          initialEpoch: epoch,
          batchSize: recipe.batchSize,
          validationData: [splits.validation.x, splits.validation.y],
          validationBatchSize: 1000,
          shuffle: true,
          seed: recipe.seed,
          verbose: 0,
          callbacks: [progress.callback()],
        });
        logs = fitted.history;
      } finally {
        if (x !== splits.train.x) x.dispose();
      }
      const record: EpochRecord = {
        epoch: epoch + 1,
        loss: logs.loss[0],
        accuracy: logs.accuracy[0],
        valLoss: logs.val_loss[0],
        valAccuracy: logs.val_accuracy[0],
        lr: model.optimizer?.currentLearningRate ?? recipe.lr,
        seconds: (Date.now() - epochStart) / 1000,
      };
      history.push(record);
      const monitored = recipe.monitor === 'val_loss' ? record.valLoss : record.valAccuracy;
      const decision = stopper.update(monitored, epoch);
      if (stopper.shouldSnapshot) {
        best?.dispose();
        best = snapshotWeights(model.namedVariables());
      }
      progress.epochEnd(record, decision.improved);
      if (plateau !== undefined) model.optimizer?.setLearningRate(plateau.step(record.valLoss));
      if (decision.stop && epoch + 1 < recipe.epochs) {
        stoppedEarly = true;
        progress.note(
          `Early stopping: ${recipe.monitor} has not improved for ${recipe.patience} epochs (best at epoch ${stopper.bestEpoch + 1}).`,
        );
        break;
      }
    }
    const bestEpoch = stopper.bestEpoch + 1;
    if (best !== undefined && bestEpoch !== history.length) {
      best.restore(model.namedVariables());
      progress.note(`Restored the weights of epoch ${bestEpoch} (best ${recipe.monitor}).`);
    }
    const seconds = (Date.now() - start) / 1000;
    progress.note(`Trained ${history.length} epochs in ${formatDuration(seconds * 1000)}.`);
    return { history, bestEpoch, stoppedEarly, seconds };
  } finally {
    best?.dispose();
  }
}
