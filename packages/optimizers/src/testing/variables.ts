// Variables for the stateful checks, with unique names (core's variable names are global).
import * as tl from '@tensile/core';

let serial = 0;

/** Variables holding `params`' values; the tensors themselves are disposed. */
export function variablesFor(
  params: Record<string, tl.Tensor>,
  tag: string,
): Record<string, tl.Variable> {
  const id = serial++;
  const vars = Object.fromEntries(
    Object.entries(params).map(([n, t]) => [
      n,
      tl.variable(t, { name: `battery_${tag}_${id}_${n}`, trainable: false }),
    ]),
  );
  tl.dispose(params);
  return vars;
}
