// Kullback–Leibler divergence between target and predicted distributions.
import * as tl from '@tensile/core';
import { defineLoss, xLogP } from './loss.js';

/**
 * Per sample Σ_c p_c·(log p_c − log q_c), p = yTrue, q = yPred, with 0·log 0 = 0. 'mean' divides
 * the sum by the batch size: torch `F.kl_div(log q, p, reduction='batchmean')`, equal to Keras
 * `kld` (torch's own 'mean' divides by B·C instead).
 */
export const kld = defineLoss({
  name: 'kld',
  kind: 'classwise',
  options: [],
  unreduced: (p, q) => tl.sum(tl.sub(xLogP(p, p), xLogP(p, q)), -1),
});
