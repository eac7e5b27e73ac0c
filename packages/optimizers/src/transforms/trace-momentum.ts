// Heavy-ball momentum with PyTorch's SGD conventions: the buffer starts as the first gradient
// itself (no dampening on step 1), then buf ← momentum·buf + (1 − dampening)·g; Nesterov returns
// g + momentum·buf. optax's `trace` starts from zeros instead, which is the same only without
// dampening (docs/numerics.md).
import { add, mul, ValueError, zerosLike } from '@tensile/core';
import { invalidOption } from '../errors.js';
import { checkBoolean, checkNumber } from '../hyperparams.js';
import type { ParamsRecord } from '../params.js';
import { mapRecord } from '../params.js';
import type { GradientTransformation } from '../transform.js';
import { defineTransformation } from '../transform.js';

export interface TraceMomentumOptions {
  /** The momentum factor (≥ 0); 0 passes gradients through and keeps no buffer. */
  momentum: number;
  /** Dampening of the new gradient from the second step on (default 0). */
  dampening?: number;
  /** Nesterov momentum (default false); needs momentum > 0 and no dampening, as in PyTorch. */
  nesterov?: boolean;
}

export interface TraceMomentumState {
  readonly count: number;
  /** One buffer per parameter (none while momentum is 0). */
  readonly momentumBuffer: ParamsRecord;
}

export function traceMomentum(
  options: number | TraceMomentumOptions,
): GradientTransformation<TraceMomentumState> {
  const op = 'traceMomentum';
  const o = typeof options === 'number' ? { momentum: options } : options;
  if (typeof o !== 'object' || o === null) {
    throw invalidOption(op, 'options', 'a momentum or {momentum, dampening, nesterov}', options);
  }
  const momentum = checkNumber(op, 'momentum', o.momentum, { ge: 0 });
  const dampening = checkNumber(op, 'dampening', o.dampening ?? 0);
  const nesterov = checkBoolean(op, 'nesterov', o.nesterov ?? false);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new ValueError(
      op,
      `nesterov needs momentum > 0 and dampening 0, got momentum ${momentum} and dampening ${dampening}`,
    );
  }
  return defineTransformation<TraceMomentumState>({
    name: op,
    init: (params) => ({
      count: 0,
      momentumBuffer: momentum === 0 ? {} : mapRecord(params, (p) => zerosLike(p)),
    }),
    update(grads, state) {
      const count = state.count + 1;
      if (momentum === 0) return { updates: grads, state: { ...state, count } };
      const buffers: ParamsRecord = {};
      const updates = mapRecord(grads, (g, name) => {
        const previous = state.momentumBuffer[name];
        // A missing buffer (momentum was 0 so far) starts the same way as on the first step.
        const buf =
          state.count === 0 || previous === undefined
            ? g
            : add(mul(previous, momentum), mul(g, 1 - dampening));
        buffers[name] = buf;
        return nesterov ? add(g, mul(buf, momentum)) : buf;
      });
      return { updates, state: { count, momentumBuffer: buffers } };
    },
  });
}
