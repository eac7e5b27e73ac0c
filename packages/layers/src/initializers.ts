// Weight initializers. The variance-scaling family draws with variance σ² = scale/n, where n is
// fan_in, fan_out or their average (Glorot: 1/fan_avg, He: 2/fan_in, LeCun: 1/fan_in); the normal
// variants draw N(0, σ²) as PyTorch's `xavier_normal_`/`kaiming_normal_` do, the uniform variants
// U(−√(3σ²), √(3σ²)), which has the same variance. Every initializer is a function of a shape that
// also carries its `name` and `config`, so a saved layer can rebuild it.
import type { DType, Shape, Tensor } from '@tensile/core';
import * as tl from '@tensile/core';

export type InitializerConfig = Readonly<Record<string, unknown>>;

/** How an initializer is stored in a model's config. */
export interface SerializedInitializer {
  readonly name: string;
  readonly config: InitializerConfig;
}

/** `(shape, dtype?) => Tensor`, plus its factory name and options. */
export interface Initializer {
  (shape: Shape, dtype?: DType): Tensor;
  readonly name: string;
  readonly config: InitializerConfig;
  toJSON(): SerializedInitializer;
}

function define(
  name: string,
  config: InitializerConfig,
  draw: (shape: number[], dtype: DType) => Tensor,
): Initializer {
  const frozen = Object.freeze({ ...config });
  const init = Object.assign(
    (shape: Shape, dtype: DType = 'float32'): Tensor => {
      if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
        throw tl.invalidArgument(name, 'shape', 'an array of non-negative integers', shape);
      }
      if (!tl.isFloatDType(dtype)) {
        throw new tl.DtypeError(name, `dtype must be float32 or float64, got ${dtype}`);
      }
      return draw([...shape], dtype);
    },
    { config: frozen, toJSON: (): SerializedInitializer => ({ name, config: frozen }) },
  );
  // A function's own `name` is read-only; redefining it is the only way to set it.
  Object.defineProperty(init, 'name', { value: name });
  return init;
}

function checkSeed(op: string, seed: unknown): number | undefined {
  if (seed === undefined || seed === null) return undefined;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw tl.invalidArgument(op, 'seed', 'a non-negative safe integer', seed);
  }
  return seed;
}

function checkNumber(op: string, arg: string, value: unknown, positive = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (positive && !(value > 0))) {
    throw tl.invalidArgument(op, arg, positive ? 'a finite number > 0' : 'a finite number', value);
  }
  return value;
}

/**
 * Keras's fans: a dense kernel [in, out] has fan_in = in, fan_out = out; a conv kernel
 * [..., in, out] (HWIO) multiplies both by the receptive field (the product of the leading axes).
 */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return {
    fanIn: shape[shape.length - 2] * receptive,
    fanOut: shape[shape.length - 1] * receptive,
  };
}

export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
export type Distribution = 'normal' | 'uniform' | 'truncatedNormal';

export interface VarianceScalingOptions {
  /** σ² = scale/n; default 1. */
  scale?: number;
  /** Which n: 'fanIn' (default), 'fanOut' or 'fanAvg' = (fan_in + fan_out)/2. */
  mode?: FanMode;
  /**
   * 'normal' (default): N(0, σ²); 'uniform': U(±√(3σ²)); 'truncatedNormal': a normal cut at two
   * standard deviations whose stddev is divided by 0.8796… so the variance is still σ² (Keras).
   */
  distribution?: Distribution;
  seed?: number;
}

/** The stddev of a standard normal truncated to [−2, 2] (Keras's correction constant). */
const TRUNCATED_STDDEV = 0.8796256610342398;

/** The variance σ² = scale/n that `varianceScaling` draws with for this shape. */
export function varianceFor(shape: readonly number[], scale: number, mode: FanMode): number {
  const { fanIn, fanOut } = computeFans(shape);
  const n = mode === 'fanIn' ? fanIn : mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
  return scale / Math.max(1, n);
}

export function varianceScaling(options: VarianceScalingOptions = {}): Initializer {
  return scaled('varianceScaling', options);
}

function scaled(name: string, options: VarianceScalingOptions): Initializer {
  const scale = checkNumber(name, 'scale', options.scale ?? 1, true);
  const mode = options.mode ?? 'fanIn';
  if (!['fanIn', 'fanOut', 'fanAvg'].includes(mode)) {
    throw tl.invalidArgument(name, 'mode', "'fanIn', 'fanOut' or 'fanAvg'", mode);
  }
  const distribution = options.distribution ?? 'normal';
  if (!['normal', 'uniform', 'truncatedNormal'].includes(distribution)) {
    throw tl.invalidArgument(
      name,
      'distribution',
      "'normal', 'uniform' or 'truncatedNormal'",
      distribution,
    );
  }
  const seed = checkSeed(name, options.seed);
  const config =
    name === 'varianceScaling' ? { scale, mode, distribution, seed } : { seed: seed ?? null };
  return define(name, config, (shape, dtype) => {
    const variance = varianceFor(shape, scale, mode);
    if (distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return tl.randomUniform(shape, -limit, limit, dtype, seed);
    }
    if (distribution === 'truncatedNormal') {
      return tl.truncatedNormal(shape, 0, Math.sqrt(variance) / TRUNCATED_STDDEV, dtype, seed);
    }
    return tl.randomNormal(shape, 0, Math.sqrt(variance), dtype, seed);
  });
}

export interface SeedOptions {
  seed?: number;
}

/** N(0, 1/fan_avg) (Glorot & Bengio 2010; torch `xavier_normal_`). */
export const glorotNormal = (o: SeedOptions = {}): Initializer =>
  scaled('glorotNormal', { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: o.seed });
/** U(±√(3/fan_avg)) (torch `xavier_uniform_`, Keras's default kernel initializer). */
export const glorotUniform = (o: SeedOptions = {}): Initializer =>
  scaled('glorotUniform', { scale: 1, mode: 'fanAvg', distribution: 'uniform', seed: o.seed });
/** N(0, 2/fan_in) (He et al. 2015; torch `kaiming_normal_`). */
export const heNormal = (o: SeedOptions = {}): Initializer =>
  scaled('heNormal', { scale: 2, mode: 'fanIn', distribution: 'normal', seed: o.seed });
/** U(±√(6/fan_in)) (torch `kaiming_uniform_` with a = 0). */
export const heUniform = (o: SeedOptions = {}): Initializer =>
  scaled('heUniform', { scale: 2, mode: 'fanIn', distribution: 'uniform', seed: o.seed });
/** N(0, 1/fan_in) (LeCun 1998; what SELU's self-normalization assumes). */
export const lecunNormal = (o: SeedOptions = {}): Initializer =>
  scaled('lecunNormal', { scale: 1, mode: 'fanIn', distribution: 'normal', seed: o.seed });
/** U(±√(3/fan_in)). */
export const lecunUniform = (o: SeedOptions = {}): Initializer =>
  scaled('lecunUniform', { scale: 1, mode: 'fanIn', distribution: 'uniform', seed: o.seed });

export const zeros = (): Initializer =>
  define('zeros', {}, (shape, dtype) => tl.zeros(shape, dtype));
export const ones = (): Initializer => define('ones', {}, (shape, dtype) => tl.ones(shape, dtype));

export interface ConstantOptions {
  value?: number;
}

export function constant(options: ConstantOptions = {}): Initializer {
  const value = checkNumber('constant', 'value', options.value ?? 0);
  return define('constant', { value }, (shape, dtype) => tl.fill(shape, value, dtype));
}

export interface RandomNormalOptions {
  mean?: number;
  /** Default 0.05 (Keras). */
  stddev?: number;
  seed?: number;
}

export function randomNormal(options: RandomNormalOptions = {}): Initializer {
  const op = 'randomNormal';
  const mean = checkNumber(op, 'mean', options.mean ?? 0);
  const stddev = checkNumber(op, 'stddev', options.stddev ?? 0.05, true);
  const seed = checkSeed(op, options.seed);
  return define(op, { mean, stddev, seed: seed ?? null }, (shape, dtype) =>
    tl.randomNormal(shape, mean, stddev, dtype, seed),
  );
}

/** N(mean, stddev²) redrawn outside two standard deviations; variance 0.7737·stddev². */
export function truncatedNormal(options: RandomNormalOptions = {}): Initializer {
  const op = 'truncatedNormal';
  const mean = checkNumber(op, 'mean', options.mean ?? 0);
  const stddev = checkNumber(op, 'stddev', options.stddev ?? 0.05, true);
  const seed = checkSeed(op, options.seed);
  return define(op, { mean, stddev, seed: seed ?? null }, (shape, dtype) =>
    tl.truncatedNormal(shape, mean, stddev, dtype, seed),
  );
}

export interface RandomUniformOptions {
  /** Default −0.05 (Keras). */
  minval?: number;
  /** Default 0.05. */
  maxval?: number;
  seed?: number;
}

export function randomUniform(options: RandomUniformOptions = {}): Initializer {
  const op = 'randomUniform';
  const minval = checkNumber(op, 'minval', options.minval ?? -0.05);
  const maxval = checkNumber(op, 'maxval', options.maxval ?? 0.05);
  if (!(maxval > minval)) throw tl.invalidArgument(op, 'maxval', `> minval (${minval})`, maxval);
  const seed = checkSeed(op, options.seed);
  return define(op, { minval, maxval, seed: seed ?? null }, (shape, dtype) =>
    tl.randomUniform(shape, minval, maxval, dtype, seed),
  );
}

export interface OrthogonalOptions {
  /** Multiplies the orthogonal matrix; default 1. */
  gain?: number;
  seed?: number;
}

/**
 * A (semi-)orthogonal matrix (Saxe et al. 2014), Keras's and torch's recipe: the Q factor of a
 * Gaussian matrix of shape [max(r, c), min(r, c)], sign-corrected by diag(R) so the result is
 * uniformly distributed, transposed when rows < cols, then reshaped; r = Π shape[:-1], c =
 * shape[-1]. Each entry has variance gain²/max(r, c).
 */
export function orthogonal(options: OrthogonalOptions = {}): Initializer {
  const op = 'orthogonal';
  const gain = checkNumber(op, 'gain', options.gain ?? 1);
  const seed = checkSeed(op, options.seed);
  return define(op, { gain, seed: seed ?? null }, (shape, dtype) => {
    if (shape.length < 2) {
      throw new tl.ShapeError(
        op,
        `needs a shape of rank ≥ 2, got ${tl.formatShape(shape)} (rank ${shape.length})`,
      );
    }
    const cols = shape[shape.length - 1];
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const [m, n] = rows >= cols ? [rows, cols] : [cols, rows];
    const normals = tl.tidy(() => tl.randomNormal([n, m], 0, 1, 'float32', seed).dataSync());
    const q = orthonormalRows(Float64Array.from(normals), n, m);
    const out = new Float64Array(rows * cols);
    // q holds n orthonormal vectors of length m, vector j at q[j·m ...] (the columns of Q).
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        out[i * cols + j] = gain * (rows >= cols ? q[j * m + i] : q[i * m + j]);
      }
    }
    return tl.tensor(dtype === 'float64' ? out : Float32Array.from(out), shape, dtype);
  });
}

/** Rows per block of the block Gram–Schmidt below. */
const BLOCK = 64;

/**
 * Gram–Schmidt on the n vectors (rows) of length m of `v`, in place: the Q of Aᵀ = QR with
 * diag(R) > 0, which is exactly Q·sign(diag(R)) of any QR of A. Blocks of 64 vectors are first
 * projected off the finished ones with two matrix products (core's GEMM, twice: "twice is
 * enough", Giraud et al. 2005), then orthonormalized among themselves by modified Gram–Schmidt
 * in float64 (random vectors in the remaining space are well conditioned, so one pass keeps
 * QᵀQ = I to ~1e-7 on 1000×1000).
 */
function orthonormalRows(v: Float64Array, n: number, m: number): Float64Array {
  const done = new Float32Array(n * m);
  for (let start = 0; start < n; start += BLOCK) {
    const b = Math.min(BLOCK, n - start);
    const block = v.subarray(start * m, (start + b) * m);
    for (let pass = 0; pass < 2 && start > 0; pass++) {
      const projection = tl.tidy(() => {
        const q = tl.tensor(done.subarray(0, start * m), [start, m]);
        const x = tl.tensor(Float32Array.from(block), [b, m]);
        return tl.matMul(tl.matMul(x, q, false, true), q).dataSync();
      });
      for (let k = 0; k < block.length; k++) block[k] -= projection[k];
    }
    for (let j = 0; j < b; j++) {
      const vj = j * m;
      for (let i = 0; i < j; i++) {
        const qi = i * m;
        let dot = 0;
        for (let k = 0; k < m; k++) dot += block[qi + k] * block[vj + k];
        for (let k = 0; k < m; k++) block[vj + k] -= dot * block[qi + k];
      }
      let norm = 0;
      for (let k = 0; k < m; k++) norm += block[vj + k] * block[vj + k];
      norm = Math.sqrt(norm);
      if (!(norm > 0))
        throw new tl.ValueError('orthogonal', 'the random matrix was rank-deficient');
      for (let k = 0; k < m; k++) block[vj + k] /= norm;
    }
    done.set(block, start * m);
  }
  return v;
}

type Factory = (config: Record<string, never>) => Initializer;

const FACTORIES: Record<string, Factory> = {
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
  zeros,
  ones,
  constant,
  randomNormal,
  randomUniform,
  truncatedNormal,
  orthogonal,
  varianceScaling,
};

/** The names `getInitializer` accepts. */
export function listInitializers(): string[] {
  return Object.keys(FACTORIES);
}

/** What an `...Initializer` option accepts: a name, an initializer, or a saved `{name, config}`. */
export type InitializerSpec = string | Initializer | SerializedInitializer;

function isInitializer(value: unknown): value is Initializer {
  return typeof value === 'function' && typeof (value as Initializer).toJSON === 'function';
}

/** Resolves an initializer option (a name takes its defaults) or `fallback` when it is absent. */
export function getInitializer(
  spec: InitializerSpec | undefined | null,
  fallback?: () => Initializer,
  op = 'getInitializer',
): Initializer {
  if (spec === undefined || spec === null) {
    if (fallback === undefined) throw new tl.ValueError(op, 'an initializer is required');
    return fallback();
  }
  if (isInitializer(spec)) return spec;
  const name = typeof spec === 'string' ? spec : (spec as SerializedInitializer).name;
  const config = typeof spec === 'string' ? {} : ((spec as SerializedInitializer).config ?? {});
  const factory = typeof name === 'string' ? FACTORIES[name] : undefined;
  if (factory === undefined || !Object.prototype.hasOwnProperty.call(FACTORIES, name)) {
    throw tl.invalidArgument(op, 'initializer', `one of ${listInitializers().join(', ')}`, spec);
  }
  if (typeof config !== 'object' || config === null) {
    throw tl.invalidArgument(op, 'initializer.config', 'an object', config);
  }
  const cleaned = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== null));
  return factory(cleaned as Record<string, never>);
}
