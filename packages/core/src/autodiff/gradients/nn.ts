// Gradients of convolution, pooling and normalization.
import { ENGINE } from '../../engine/engine.js';
import { add, mul, pow, sub } from '../../ops/binary.js';
import { mean, variance } from '../../ops/reduce.js';
import { rsqrt } from '../../ops/unary.js';
import { registerGradient } from '../registry.js';

registerGradient('Conv2D', (dy, { inputs: { x, filter }, attrs: { info } }) => ({
  x: () => ENGINE.runKernel('Conv2DBackpropInput', { dy, filter }, { info }, 'conv2d'),
  filter: () => ENGINE.runKernel('Conv2DBackpropFilter', { x, dy }, { info }, 'conv2d'),
}));
registerGradient('MaxPool', (dy, { inputs: { x }, attrs: { info } }) => ({
  x: () => ENGINE.runKernel('MaxPoolGrad', { dy, x }, { info }, 'maxPool2d'),
}));
registerGradient('AvgPool', (dy, { attrs: { info } }) => ({
  x: () => ENGINE.runKernel('AvgPoolGrad', { dy }, { info }, 'avgPool2d'),
}));

// y = (x − m)·r·s + o with r = (v + eps)^(−½); mean and variance are inputs of their own.
registerGradient(
  'BatchNorm',
  (dy, { inputs: { x, mean: m, variance: v, scale }, attrs: { eps } }) => {
    const r = () => rsqrt(add(v, eps));
    const scaled = () => (scale ? mul(dy, scale) : dy);
    return {
      x: () => mul(scaled(), r()),
      mean: () => mul(mul(scaled(), r()), -1),
      variance: () => mul(mul(scaled(), sub(x, m)), mul(pow(r(), 3), -0.5)),
      offset: () => dy,
      scale: () => mul(dy, mul(sub(x, m), r())),
    };
  },
);

// x̂ = (x − μ)·r over the last axis; with g = dy·γ: dx = r·(g − mean(g) − x̂·mean(g·x̂)).
registerGradient('LayerNorm', (dy, { inputs: { x, gamma }, attrs: { eps } }) => {
  const normalized = () => mul(sub(x, mean(x, -1, true)), rsqrt(add(variance(x, -1, true), eps)));
  return {
    x: () => {
      const xHat = normalized();
      const g = gamma ? mul(dy, gamma) : dy;
      const r = rsqrt(add(variance(x, -1, true), eps));
      return mul(r, sub(sub(g, mean(g, -1, true)), mul(xHat, mean(mul(g, xHat), -1, true))));
    },
    gamma: () => mul(dy, normalized()),
    beta: () => dy,
  };
});
