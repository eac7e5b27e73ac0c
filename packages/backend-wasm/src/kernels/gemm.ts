// Driving the module's packed SGEMM: pack op(B) once into 8-column panels, then compute C in tiles
// of rows × panels. Tiling only decides which thread computes which part of C; every element is
// summed in the same order whatever the tiling, so the thread count never changes a result.
import type { WasmBackend } from '../backend.js';
import { Unary } from '../generated/opcodes.js';

const NR = 8;
/** Below this many multiply-adds a product runs on the calling thread alone. */
const PARALLEL_MACS = 1 << 19;

export interface PackedB {
  ptr: number;
  bytes: number;
  k: number;
  n: number;
}

/** Packs op(B) ([k, n]; stored [n, k] when transB) into scratch memory; release with unpack. */
export function packB(
  backend: WasmBackend,
  b: number,
  k: number,
  n: number,
  transB: boolean,
): PackedB {
  const panels = Math.ceil(n / NR);
  const bytes = Math.max(1, panels * k * NR * 4);
  const ptr = backend.scratch(bytes);
  backend.parallel('gemmPackB', [b, ptr, k, n, transB ? 1 : 0], panels, {
    // packing moves K·N floats once: only large matrices are worth waking threads for
    grain: Math.max(1, Math.ceil(262144 / Math.max(1, k * NR))),
  });
  return { ptr, bytes, k, n };
}

export function unpack(backend: WasmBackend, packed: PackedB): void {
  backend.releaseScratch(packed.ptr, packed.bytes);
}

export interface GemmArgs {
  /** op(A) is [m, k]: A is [m, k] row-major, or [k, m] when transA. */
  a: number;
  transA: boolean;
  c: number;
  m: number;
  bias?: number;
  activation?: Unary;
  alpha?: number;
  /** C += op(A)·op(B) instead of C = … */
  accumulate?: boolean;
}

/** C[m, n] = act(op(A)·op(B) + bias) (or C += op(A)·op(B)) with B packed by packB. */
export function gemmPacked(backend: WasmBackend, b: PackedB, args: GemmArgs): void {
  const { m } = args;
  const { k, n } = b;
  if (m === 0 || n === 0) return;
  const panels = Math.ceil(n / NR);
  const threads = backend.threads;
  let tileRows = m;
  let tilePanels = panels;
  if (threads > 1 && m * n * k >= PARALLEL_MACS) {
    // about two tiles per thread, split across columns first (each thread then reads its own
    // B panels), across rows when there are too few panels
    const target = 2 * threads;
    const columnSplit = Math.min(panels, target);
    const rowSplit = Math.min(Math.ceil(m / 4), Math.ceil(target / columnSplit));
    tilePanels = Math.ceil(panels / columnSplit);
    tileRows = Math.ceil(Math.ceil(m / rowSplit) / 4) * 4;
  }
  const tiles = Math.ceil(m / tileRows) * Math.ceil(panels / tilePanels);
  backend.parallel(
    'gemm',
    [
      args.a,
      args.transA ? 1 : 0,
      b.ptr,
      args.c,
      m,
      n,
      k,
      args.bias ?? 0,
      args.activation ?? Unary.Linear,
      args.alpha ?? 0,
      args.accumulate ? 1 : 0,
      tileRows,
      tilePanels,
    ],
    tiles,
    { grain: 1 },
  );
}
