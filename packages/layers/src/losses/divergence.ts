// Kullback–Leibler divergence between target and predicted distributions.
import * as tl from '@tensile/core';
import { defineLoss, xLogP } from './loss.js';

/**
 * p·(log p − log q) per element, p = yTrue, q = yPred, with 0·log 0 = 0 ('none' keeps the
 * elements, as torch). 'mean' divides the sum by the batch size: torch `F.kl_div(log q, p,
 * reduction='batchmean')`, equal to Keras `kld` (torch's own 'mean' divides by B·C instead).
 */
export const kld = defineLoss({
  name: 'kld',
  meanOver: 'batch',
  options: [],
  unreduced: (p, q) => tl.sub(xLogP(p, p), xLogP(p, q)),
});
