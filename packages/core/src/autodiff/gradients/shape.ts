// Gradients of the shape and data-movement kernels.
import { ENGINE } from '../../engine/engine.js';
import { pad, reshape, slice, split, transpose, gather } from '../../ops/shape.js';
import { sum } from '../../ops/reduce.js';
import { registerGradient } from '../registry.js';

registerGradient('Reshape', (dy, { inputs: { x } }) => ({ x: () => reshape(dy, x.shape) }));
registerGradient('Transpose', (dy, { attrs: { perm } }) => ({
  x: () => {
    const inverse = new Array<number>(perm.length);
    perm.forEach((p, i) => (inverse[p] = i));
    return transpose(dy, inverse);
  },
}));
registerGradient('Slice', (dy, { inputs: { x }, attrs: { begin, size } }) => ({
  x: () =>
    pad(
      dy,
      begin.map((b, i) => [b, x.shape[i] - b - size[i]] as [number, number]),
    ),
}));
registerGradient('Pad', (dy, { inputs: { x }, attrs: { paddings } }) => ({
  x: () =>
    slice(
      dy,
      paddings.map(([before]) => before),
      x.shape,
    ),
}));
registerGradient('Concat', (dy, { inputs: { tensors }, attrs: { axis } }) => ({
  tensors: () =>
    split(
      dy,
      tensors.map((t) => t.shape[axis]),
      axis,
    ),
}));
// dy viewed as [r0, d0, r1, d1, …] summed over the repetition axes.
registerGradient('Tile', (dy, { inputs: { x }, attrs: { reps } }) => ({
  x: () => {
    const interleaved = x.shape.flatMap((d, i) => [reps[i], d]);
    const repAxes = x.shape.map((_, i) => 2 * i);
    return reshape(sum(reshape(dy, interleaved), repAxes), x.shape);
  },
}));
// Broadcasting is undone by backprop itself.
registerGradient('BroadcastTo', (dy) => ({ x: () => dy }));
registerGradient('Gather', (dy, { inputs: { x, indices }, attrs: { axis } }) => ({
  x: () =>
    ENGINE.runKernel('ScatterAdd', { updates: dy, indices }, { axis, dimSize: x.shape[axis] }),
}));
registerGradient('ScatterAdd', (dy, { inputs: { indices }, attrs: { axis } }) => ({
  updates: () => gather(dy, indices, axis),
}));
