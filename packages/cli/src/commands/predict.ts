// `tensile predict DIR INPUT`: the digit a saved model reads in a picture. INPUT is a PNG file (any
// size; turned into an MNIST-style 28 × 28 input, see image/digit.ts), an IDX image file (the MNIST
// format: unsigned bytes [n, 28, 28], plain or gzipped), or a number: the index of an image of the
// MNIST test set, shown with its true label.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import * as tl from '@tensile/core';
import { parseIdx } from '@tensile/data';
import { commandName, defineCommand, parseCommandArgs } from '../args.js';
import { BACKEND_NAMES, selectBackend } from '../backends.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { printJson, resolvePath } from '../context.js';
import { CliError, EXIT_OK, UsageError, messageOf } from '../errors.js';
import { SIDE, toMnistInput } from '../image/digit.js';
import { decodePng, isPng } from '../image/png.js';
import { openModelDir } from '../model-dir.js';
import { readMnist } from '../training/mnist-data.js';

const spec = defineCommand({
  name: 'predict',
  summary: 'read the digit in a PNG, an IDX file or an MNIST test image with a saved model',
  description:
    'Predicts with the model saved in <model-dir>. <input> is one of:\n\n' +
    '- a PNG file (greyscale, RGB, palette or with alpha; not interlaced): a dark digit on a light ' +
    'page is inverted to MNIST’s white on black; a picture that is not 28×28 is cropped to the ' +
    'digit, scaled to fit 20×20 and centred by its centre of mass in 28×28, as MNIST was made;\n\n' +
    '- an IDX image file (unsigned bytes, [n, 28, 28] or [28, 28], optionally .gz), e.g. ' +
    't10k-images-idx3-ubyte: every image is predicted (--index picks one, --count the first n);\n\n' +
    '- an integer: that image of the MNIST test set, printed with its true label.',
  positionals: [
    { name: 'model-dir', description: 'directory holding model.json and weights.safetensors' },
    { name: 'input', description: 'image.png, an IDX image file, or an MNIST test-set index' },
  ],
  flags: {
    backend: {
      kind: 'choice',
      choices: BACKEND_NAMES,
      description: 'compute backend',
      defaultText: 'the fastest available: wasm, else cpu',
    },
    index: {
      kind: 'integer',
      min: 0,
      valueName: 'i',
      description: 'predict only image i of an IDX file',
    },
    count: {
      kind: 'integer',
      min: 1,
      valueName: 'n',
      description: 'predict only the first n images of an IDX file',
      defaultText: 'all',
    },
    invert: {
      kind: 'choice',
      choices: ['auto', 'yes', 'no'],
      default: 'auto',
      description: 'invert a PNG to white-on-black: auto does it when the border is light',
    },
  },
  examples: [
    'tensile predict tensile-runs/mnist-20250101-120000 digit.png',
    'tensile predict my-model t10k-images-idx3-ubyte --count 20',
    'tensile predict my-model 42 --json',
  ],
});

interface Inputs {
  /** What was read, for the output. */
  source: 'png' | 'idx' | 'mnist-test';
  /** [n, 784] in [0, 1]. */
  pixels: Float32Array;
  /** Index of each image in its file or in the test set. */
  indices: number[];
  labels?: number[];
}

async function readFileBytes(ctx: CliContext, path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(resolvePath(ctx, path)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${messageOf(error)}`,
    );
  }
}

function idxImages(bytes: Uint8Array, path: string, index?: number, count?: number): Inputs {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  let parsed;
  try {
    parsed = parseIdx(new Uint8Array(raw), path, { type: 'ubyte' });
  } catch (error) {
    throw new CliError(`${path} is neither a PNG nor a valid IDX image file: ${messageOf(error)}`);
  }
  const shape = parsed.shape.length === 2 ? [1, ...parsed.shape] : parsed.shape;
  if (shape.length !== 3 || shape[1] !== SIDE || shape[2] !== SIDE) {
    throw new CliError(
      `${path} holds shape [${parsed.shape.join(', ')}]; expected 28×28 images: [n, 28, 28]`,
    );
  }
  const n = shape[0];
  if (index !== undefined && index >= n) {
    throw new CliError(`--index ${index} is past the last image of ${path} (it holds ${n})`);
  }
  const indices =
    index !== undefined ? [index] : Array.from({ length: Math.min(n, count ?? n) }, (_, i) => i);
  const size = SIDE * SIDE;
  const pixels = new Float32Array(indices.length * size);
  indices.forEach((i, k) => {
    for (let p = 0; p < size; p++) pixels[k * size + p] = parsed.values[i * size + p] / 255;
  });
  return { source: 'idx', pixels, indices };
}

async function readInputs(
  ctx: CliContext,
  command: string,
  input: string,
  flags: { index?: number; count?: number; invert: 'auto' | 'yes' | 'no' },
): Promise<Inputs> {
  if (/^\d+$/.test(input)) {
    if (flags.index !== undefined || flags.count !== undefined) {
      throw new UsageError(
        command,
        '--index and --count apply to IDX files, not to a test-set index',
      );
    }
    const i = Number(input);
    if (i >= 10_000)
      throw new UsageError(command, `the MNIST test set has images 0 … 9999, got ${input}`);
    const data = await readMnist(1, i + 1);
    try {
      const size = SIDE * SIDE;
      const pixels = Float32Array.from(
        data.test.images.dataSync().subarray(i * size, (i + 1) * size),
      );
      const label = data.test.labels.dataSync()[i];
      return { source: 'mnist-test', pixels, indices: [i], labels: [label] };
    } finally {
      tl.dispose([data.train.images, data.train.labels, data.test.images, data.test.labels]);
    }
  }
  const bytes = await readFileBytes(ctx, input);
  if (isPng(bytes)) {
    if (flags.index !== undefined || flags.count !== undefined) {
      throw new UsageError(
        command,
        '--index and --count apply to IDX files; a PNG holds one image',
      );
    }
    let image;
    try {
      image = decodePng(bytes, input);
    } catch (error) {
      throw new CliError(messageOf(error));
    }
    return { source: 'png', pixels: toMnistInput(image, flags.invert), indices: [0] };
  }
  return idxImages(bytes, input, flags.index, flags.count);
}

function bar(p: number, width = 30): string {
  return '█'.repeat(Math.round(p * width)).padEnd(width, '·');
}

async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const command = commandName(spec);
  const { flags, positionals } = parseCommandArgs(spec, argv);
  if (flags.index !== undefined && flags.count !== undefined) {
    throw new UsageError(command, '--index and --count cannot be combined');
  }
  const [modelDir, input] = positionals;
  const backend = await selectBackend(command, flags.backend);
  for (const note of backend.notes) ctx.stderr.write(`note: ${note}\n`);
  const { dir, model } = await openModelDir(ctx, modelDir);
  try {
    const inputs = await readInputs(ctx, command, input, flags);
    const n = inputs.indices.length;
    const x = tl.tensor(inputs.pixels, [n, SIDE * SIDE], 'float32');
    const probs = model.predict(x, { batchSize: 1000 });
    const values = Float32Array.from(probs.dataSync());
    tl.dispose([x, probs]);
    const predictions = inputs.indices.map((index, k) => {
      const p = Array.from(values.subarray(k * 10, (k + 1) * 10));
      const digit = p.indexOf(Math.max(...p));
      return {
        index,
        digit,
        probability: p[digit],
        probabilities: p,
        ...(inputs.labels === undefined ? {} : { label: inputs.labels[k] }),
      };
    });
    if (flags.json) {
      printJson(ctx, {
        input,
        source: inputs.source,
        modelDir: dir,
        backend: backend.name,
        predictions,
      });
      return EXIT_OK;
    }
    const out = (text: string): void => void ctx.stdout.write(`${text}\n`);
    if (n === 1) {
      const [p] = predictions;
      const truth =
        p.label === undefined
          ? ''
          : ` (true label ${p.label}${p.label === p.digit ? ', correct' : ', wrong'})`;
      out(
        `${input}: digit ${p.digit} with probability ${(p.probability * 100).toFixed(2)}%${truth}`,
      );
      p.probabilities.forEach((q, d) =>
        out(`  ${d}  ${bar(q)} ${(q * 100).toFixed(2).padStart(6)}%`),
      );
      return EXIT_OK;
    }
    for (const p of predictions) {
      out(
        `#${String(p.index).padEnd(6)} ${p.digit}  ${(p.probability * 100).toFixed(2).padStart(6)}%`,
      );
    }
    return EXIT_OK;
  } finally {
    model.dispose();
  }
}

export const predict: Command = { spec, run };
