// Patch matrices for convolution by GEMM (NHWC input, HWIO filter). Row g of the patch matrix is
// output pixel g = (n, oh, ow); its columns are (fh, fw, c) in the filter's HWIO order, so the
// product with the filter viewed as [FH·FW·C, OC] is the convolution. Padded positions are zeros.
//
// Geometry arguments, in order: H, W, C (input), OH, OW (output), FH, FW (filter), SH, SW
// (strides), DH, DW (dilations), PT, PL (padding before, top and left).

/** Writes patch rows [begin, end) (global rows firstRow + r) into cols[r − begin…]. */
export function im2col(
  x: usize,
  cols: usize,
  H: i32,
  W: i32,
  C: i32,
  OH: i32,
  OW: i32,
  FH: i32,
  FW: i32,
  SH: i32,
  SW: i32,
  DH: i32,
  DW: i32,
  PT: i32,
  PL: i32,
  firstRow: i32,
  begin: i32,
  end: i32,
): void {
  const rowLength = FH * FW * C;
  const channelBytes = (<usize>C) << 2;
  for (let r = begin; r < end; r++) {
    const g = firstRow + r;
    const n = g / (OH * OW);
    const rem = g - n * OH * OW;
    const oh = rem / OW;
    const ow = rem - oh * OW;
    let dst = cols + ((<usize>r * <usize>rowLength) << 2);
    const image = x + ((<usize>n * <usize>H * <usize>W * <usize>C) << 2);
    for (let fh = 0; fh < FH; fh++) {
      const ih = oh * SH - PT + fh * DH;
      if (ih < 0 || ih >= H) {
        memory.fill(dst, 0, channelBytes * <usize>FW);
        dst += channelBytes * <usize>FW;
        continue;
      }
      for (let fw = 0; fw < FW; fw++) {
        const iw = ow * SW - PL + fw * DW;
        if (iw < 0 || iw >= W) {
          memory.fill(dst, 0, channelBytes);
        } else {
          copyChannels(dst, image + (((<usize>ih * <usize>W + <usize>iw) * <usize>C) << 2), C);
        }
        dst += channelBytes;
      }
    }
  }
}

function copyChannels(dst: usize, src: usize, C: i32): void {
  if (C == 1) {
    store<f32>(dst, load<f32>(src));
    return;
  }
  let c = 0;
  for (; c + 4 <= C; c += 4)
    v128.store(dst + ((<usize>c) << 2), v128.load(src + ((<usize>c) << 2)));
  for (; c < C; c++) store<f32>(dst + ((<usize>c) << 2), load<f32>(src + ((<usize>c) << 2)));
}

/**
 * The adjoint of im2col: adds patch rows [begin, end) (global rows firstRow + r) back into dx. Rows
 * of one image overlap, so callers run it on one thread, in row order (a fixed summation order).
 */
export function col2im(
  cols: usize,
  dx: usize,
  H: i32,
  W: i32,
  C: i32,
  OH: i32,
  OW: i32,
  FH: i32,
  FW: i32,
  SH: i32,
  SW: i32,
  DH: i32,
  DW: i32,
  PT: i32,
  PL: i32,
  firstRow: i32,
  begin: i32,
  end: i32,
): void {
  const rowLength = FH * FW * C;
  for (let r = begin; r < end; r++) {
    const g = firstRow + r;
    const n = g / (OH * OW);
    const rem = g - n * OH * OW;
    const oh = rem / OW;
    const ow = rem - oh * OW;
    let src = cols + ((<usize>r * <usize>rowLength) << 2);
    const image = dx + ((<usize>n * <usize>H * <usize>W * <usize>C) << 2);
    for (let fh = 0; fh < FH; fh++) {
      const ih = oh * SH - PT + fh * DH;
      if (ih < 0 || ih >= H) {
        src += (<usize>(FW * C)) << 2;
        continue;
      }
      for (let fw = 0; fw < FW; fw++) {
        const iw = ow * SW - PL + fw * DW;
        if (iw >= 0 && iw < W) {
          const dst = image + (((<usize>ih * <usize>W + <usize>iw) * <usize>C) << 2);
          let c = 0;
          for (; c + 4 <= C; c += 4) {
            const o = (<usize>c) << 2;
            v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
          }
          for (; c < C; c++) {
            const o = (<usize>c) << 2;
            store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
          }
        }
        src += (<usize>C) << 2;
      }
    }
  }
}
