// model.summary(): Keras's table of layers with their output shapes and parameter counts, and the
// totals (the 784-256-128-10 MLP has 235,146 parameters).
import { InputLayer } from '../layers/input.js';
import type { Layer } from '../layers/layer.js';
import { formatSymbolicShape } from '../layers/symbolic.js';
import type { LayersModel } from './model.js';

const WIDTHS = [32, 26, 12];

const thousands = (n: number): string => n.toLocaleString('en-US');

function outputShapeOf(model: LayersModel, layer: Layer): string {
  if (!model.built) return '?';
  const outputs = model.layers.length === 0 ? [] : nodesOf(model, layer);
  if (outputs.length === 0) return '?';
  if (outputs.length > 1) return 'multiple';
  const shapes = outputs[0];
  return shapes.length === 1 ? shapes[0] : `[${shapes.join(', ')}]`;
}

/** The output shapes of each node of `layer` in the model's graph. */
function nodesOf(model: LayersModel, layer: Layer): string[][] {
  const found: string[][] = [];
  const seen = new Set<unknown>();
  const visit = (t: LayersModel['outputs'][number]): void => {
    if (seen.has(t.node)) return;
    seen.add(t.node);
    if (t.node.layer === layer) found.push(t.node.outputs.map((o) => formatSymbolicShape(o.shape)));
    for (const input of t.node.inputs) visit(input);
  };
  for (const t of model.outputs) visit(t);
  return found;
}

function row(cells: string[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(WIDTHS[i] - 1) + ' ')).join('');
}

export function summarize(model: LayersModel): string {
  const width = WIDTHS.reduce((a, b) => a + b, 0);
  const lines = [
    `Model: "${model.name}"`,
    '_'.repeat(width),
    row(['Layer (type)', 'Output Shape', 'Param #']),
    '='.repeat(width),
  ];
  // A functional model lists its input layers; a Sequential model's input is implicit (Keras).
  const shown = model.layers;
  shown.forEach((layer, i) => {
    const type = layer instanceof InputLayer ? 'InputLayer' : layer.className;
    const shape =
      layer instanceof InputLayer
        ? formatSymbolicShape([null, ...layer.shape])
        : outputShapeOf(model, layer);
    lines.push(row([`${layer.name} (${type})`, shape, thousands(layer.countParams())]));
    if (i < shown.length - 1) lines.push('');
  });
  const total = model.countParams();
  const trainable = model.trainableWeights.reduce((n, w) => n + w.variable.size, 0);
  lines.push(
    '='.repeat(width),
    `Total params: ${thousands(total)}`,
    `Trainable params: ${thousands(trainable)}`,
    `Non-trainable params: ${thousands(total - trainable)}`,
    '_'.repeat(width),
  );
  return lines.join('\n');
}
