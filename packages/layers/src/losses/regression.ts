// Element-wise regression losses, reduced over all elements as torch does.
import * as tl from '@tensile/core';
import { defineLoss } from './loss.js';

/** (pred − target)², torch `F.mse_loss`. */
export const meanSquaredError = defineLoss({
  name: 'meanSquaredError',
  meanOver: 'elements',
  options: [],
  unreduced: (yTrue, yPred) => tl.square(tl.sub(yPred, yTrue)),
});

/** |pred − target|, torch `F.l1_loss`; the gradient at pred = target is 0 (sign(0) = 0). */
export const meanAbsoluteError = defineLoss({
  name: 'meanAbsoluteError',
  meanOver: 'elements',
  options: [],
  unreduced: (yTrue, yPred) => tl.abs(tl.sub(yPred, yTrue)),
});

/** d = pred − target: ½d² where |d| < δ, else δ(|d| − ½δ) (torch `F.huber_loss`, δ = 1). */
export const huber = defineLoss({
  name: 'huber',
  meanOver: 'elements',
  options: ['delta'],
  unreduced: (yTrue, yPred, { delta }) => {
    const d = tl.sub(yPred, yTrue);
    const a = tl.abs(d);
    return tl.where(
      tl.less(a, delta),
      tl.mul(tl.square(d), 0.5),
      tl.mul(tl.sub(a, 0.5 * delta), delta),
    );
  },
});

/** max(0, 1 − y·pred) with labels y ∈ {−1, +1}, averaged over all elements (Keras `hinge`). */
export const hinge = defineLoss({
  name: 'hinge',
  meanOver: 'elements',
  options: [],
  unreduced: (yTrue, yPred) => tl.relu(tl.sub(1, tl.mul(yTrue, yPred))),
});
