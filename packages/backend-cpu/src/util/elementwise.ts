// Element-wise loops specialized per operation. Each op is one expression (`a + b`,
// `v > 0 ? v : 0`); it is compiled once per loop shape into a plain monomorphic `for` loop, so no
// loop pays a function call per element and no op repeats the loop code.
import type { TypedArray } from '@tensile/core';
import { erf, erfc, roundHalfEven, sigmoid, softplus } from './math.js';

/** Scalar helpers the expressions may call as `M.name(...)`. */
const M = { erf, erfc, roundHalfEven, sigmoid, softplus };

type Arr = TypedArray;

export type UnaryLoop = (x: Arr, out: Arr, n: number, p0: number, p1: number) => void;

/** Compiles `out[i] = expr` where `v` is x[i] and p0, p1 are the op's numeric attributes. */
export function compileUnary(expr: string): UnaryLoop {
  const body = `return function unaryLoop(x, out, n, p0, p1) {
    for (let i = 0; i < n; i++) { const v = x[i]; out[i] = ${expr}; }
  };`;
  return new Function('M', body)(M) as UnaryLoop;
}

/** The loop shapes a binary op is specialized for. */
type BinaryKind =
  'same' | 'scalarA' | 'scalarB' | 'tileA' | 'tileB' | 'spreadA' | 'spreadB' | 'general';

type FlatLoop = (a: Arr, b: Arr, out: Arr, n: number, inner: number) => void;
type GeneralLoop = (
  a: Arr,
  b: Arr,
  out: Arr,
  shape: readonly number[],
  aStrides: Int32Array,
  bStrides: Int32Array,
) => void;

// Index of the operand that is not the full output in each flat kind:
// tile: operand repeats every `inner` elements (i % inner); spread: each element covers `inner` (i / inner).
const FLAT_LOOPS: Record<Exclude<BinaryKind, 'general'>, string> = {
  same: 'for (let i = 0; i < n; i++) { const a = A[i], b = B[i]; out[i] = EXPR; }',
  scalarA: 'const a = A[0]; for (let i = 0; i < n; i++) { const b = B[i]; out[i] = EXPR; }',
  scalarB: 'const b = B[0]; for (let i = 0; i < n; i++) { const a = A[i]; out[i] = EXPR; }',
  tileA: `for (let o = 0; o < n; o += inner) for (let j = 0; j < inner; j++) { const a = A[j], b = B[o + j]; out[o + j] = EXPR; }`,
  tileB: `for (let o = 0; o < n; o += inner) for (let j = 0; j < inner; j++) { const a = A[o + j], b = B[j]; out[o + j] = EXPR; }`,
  spreadA: `for (let o = 0, r = 0; o < n; o += inner, r++) { const a = A[r]; for (let j = 0; j < inner; j++) { const b = B[o + j]; out[o + j] = EXPR; } }`,
  spreadB: `for (let o = 0, r = 0; o < n; o += inner, r++) { const b = B[r]; for (let j = 0; j < inner; j++) { const a = A[o + j]; out[o + j] = EXPR; } }`,
};

const GENERAL_LOOP = `
  const rank = shape.length, last = rank - 1, len = shape[last];
  const sa = aStrides[last], sb = bStrides[last];
  const idx = new Int32Array(rank);
  let ai = 0, bi = 0, o = 0, n = 1;
  for (let d = 0; d < rank; d++) n *= shape[d];
  while (o < n) {
    for (let j = 0; j < len; j++) { const a = A[ai + j * sa], b = B[bi + j * sb]; out[o++] = EXPR; }
    for (let d = last - 1; d >= 0; d--) {
      idx[d]++; ai += aStrides[d]; bi += bStrides[d];
      if (idx[d] < shape[d]) break;
      ai -= aStrides[d] * shape[d]; bi -= bStrides[d] * shape[d]; idx[d] = 0;
    }
  }`;

export class BinaryOp {
  private readonly flat = new Map<BinaryKind, FlatLoop>();
  private generalLoop: GeneralLoop | undefined;

  constructor(readonly expr: string) {}

  /** out = op(a, b) with NumPy broadcasting of aShape and bShape to outShape. */
  run(
    a: Arr,
    aShape: readonly number[],
    b: Arr,
    bShape: readonly number[],
    out: Arr,
    outShape: readonly number[],
  ): void {
    const n = out.length;
    if (n === 0) return;
    const { kind, inner } = classify(aShape, a.length, bShape, b.length, outShape, n);
    if (kind === 'general') {
      this.generalLoop ??= new Function(
        'M',
        `return function general(A, B, out, shape, aStrides, bStrides) {${GENERAL_LOOP.replace('EXPR', this.expr)}};`,
      )(M) as GeneralLoop;
      this.generalLoop(
        a,
        b,
        out,
        outShape,
        broadcastStrides(aShape, outShape),
        broadcastStrides(bShape, outShape),
      );
      return;
    }
    let loop = this.flat.get(kind);
    if (loop === undefined) {
      const body = FLAT_LOOPS[kind].replace('EXPR', this.expr);
      loop = new Function('M', `return function ${kind}(A, B, out, n, inner) { ${body} };`)(
        M,
      ) as FlatLoop;
      this.flat.set(kind, loop);
    }
    loop(a, b, out, n, inner);
  }
}

/** Strides of `shape` broadcast to `outShape` (0 along broadcast axes). */
export function broadcastStrides(
  shape: readonly number[],
  outShape: readonly number[],
): Int32Array {
  const rank = outShape.length;
  const strides = new Int32Array(rank);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = i + rank - shape.length;
    strides[d] = shape[i] === 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

function classify(
  aShape: readonly number[],
  aSize: number,
  bShape: readonly number[],
  bSize: number,
  outShape: readonly number[],
  n: number,
): { kind: BinaryKind; inner: number } {
  if (aSize === n && bSize === n) return { kind: 'same', inner: 1 };
  if (bSize === 1 && aSize === n) return { kind: 'scalarB', inner: 1 };
  if (aSize === 1 && bSize === n) return { kind: 'scalarA', inner: 1 };
  if (aSize === n) {
    const fit = partialFit(bShape, outShape);
    if (fit === 'suffix') return { kind: 'tileB', inner: bSize };
    if (fit === 'prefix') return { kind: 'spreadB', inner: n / bSize };
  }
  if (bSize === n) {
    const fit = partialFit(aShape, outShape);
    if (fit === 'suffix') return { kind: 'tileA', inner: aSize };
    if (fit === 'prefix') return { kind: 'spreadA', inner: n / aSize };
  }
  return { kind: 'general', inner: 1 };
}

/**
 * 'suffix' when the broadcast operand is outShape's trailing axes (ones before), 'prefix' when it
 * is outShape's leading axes (ones after): both reduce to a flat two-level loop.
 */
function partialFit(
  shape: readonly number[],
  outShape: readonly number[],
): 'suffix' | 'prefix' | null {
  const rank = outShape.length;
  const padded = [...new Array<number>(rank - shape.length).fill(1), ...shape];
  let first = 0;
  while (first < rank && padded[first] === 1) first++;
  if (padded.slice(first).every((d, i) => d === outShape[first + i])) return 'suffix';
  let last = rank - 1;
  while (last >= 0 && padded[last] === 1) last--;
  if (padded.slice(0, last + 1).every((d, i) => d === outShape[i])) return 'prefix';
  return null;
}
