// where(condition, a, b) with the three broadcast together, over the same collapsed box as the
// binary kernels (output contiguous, operands strided, innermost strides 0 or 1). Values are 4-byte
// (float32, int32) or 1-byte (bool) elements.
import { Simd } from './simd';

/** Helpers inlined into their callers (AssemblyScript's @inline, on static members). */
export class WhereOps {
  /** One innermost run: vectorized when every operand is contiguous along it. */
  @inline
  static selectRun(
    esize: usize,
    pc: usize,
    pa: usize,
    pb: usize,
    po: usize,
    len: i32,
    sc: i32,
    sa: i32,
    sb: i32,
  ): void {
    let i = 0;
    if (sc == 1 && sa == 1 && sb == 1) {
      if (esize == 4) {
        for (; i + 4 <= len; i += 4) {
          const mask = Simd.bytesToMask(pc + <usize>i);
          const o = (<usize>i) << 2;
          v128.store(po + o, v128.bitselect(v128.load(pa + o), v128.load(pb + o), mask));
        }
      } else {
        const zero = i8x16.splat(0);
        for (; i + 16 <= len; i += 16) {
          const mask = i8x16.ne(v128.load(pc + <usize>i), zero);
          v128.store(
            po + <usize>i,
            v128.bitselect(v128.load(pa + <usize>i), v128.load(pb + <usize>i), mask),
          );
        }
      }
    }
    for (; i < len; i++) {
      const keep = load<u8>(pc + <usize>(i * sc)) != 0;
      if (esize == 4) {
        const v = keep
          ? load<u32>(pa + ((<usize>(i * sa)) << 2))
          : load<u32>(pb + ((<usize>(i * sb)) << 2));
        store<u32>(po + ((<usize>i) << 2), v);
      } else {
        const v = keep ? load<u8>(pa + <usize>(i * sa)) : load<u8>(pb + <usize>(i * sb));
        store<u8>(po + <usize>i, v);
      }
    }
  }
}

function selectRun4(
  pc: usize,
  pa: usize,
  pb: usize,
  po: usize,
  len: i32,
  sc: i32,
  sa: i32,
  sb: i32,
): void {
  WhereOps.selectRun(4, pc, pa, pb, po, len, sc, sa, sb);
}

function selectRun1(
  pc: usize,
  pa: usize,
  pb: usize,
  po: usize,
  len: i32,
  sc: i32,
  sa: i32,
  sb: i32,
): void {
  WhereOps.selectRun(1, pc, pa, pb, po, len, sc, sa, sb);
}

/** out = condition ? a : b for output elements [begin, end) of the box (d0 implied, d1, d2, d3). */
export function where(
  esize: usize,
  c: usize,
  a: usize,
  b: usize,
  out: usize,
  d1: i32,
  d2: i32,
  d3: i32,
  sc0: i32,
  sc1: i32,
  sc2: i32,
  sc3: i32,
  sa0: i32,
  sa1: i32,
  sa2: i32,
  sa3: i32,
  sb0: i32,
  sb1: i32,
  sb2: i32,
  sb3: i32,
  begin: i32,
  end: i32,
): void {
  let i3 = begin % d3;
  let rest = begin / d3;
  let i2 = rest % d2;
  rest /= d2;
  let i1 = rest % d1;
  let i0 = rest / d1;
  let o = begin;
  while (o < end) {
    const len = min(d3 - i3, end - o);
    const pc = c + <usize>(i0 * sc0 + i1 * sc1 + i2 * sc2 + i3 * sc3);
    const ia = <usize>(i0 * sa0 + i1 * sa1 + i2 * sa2 + i3 * sa3);
    const ib = <usize>(i0 * sb0 + i1 * sb1 + i2 * sb2 + i3 * sb3);
    if (esize == 4) {
      selectRun4(pc, a + (ia << 2), b + (ib << 2), out + ((<usize>o) << 2), len, sc3, sa3, sb3);
    } else {
      selectRun1(pc, a + ia, b + ib, out + <usize>o, len, sc3, sa3, sb3);
    }
    o += len;
    i3 = 0;
    if (++i2 == d2) {
      i2 = 0;
      if (++i1 == d1) {
        i1 = 0;
        i0++;
      }
    }
  }
}
