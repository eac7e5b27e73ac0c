// Max and average pooling (NHWC) and their gradients, vectorized across channels. Padding follows
// TensorFlow: padded positions never win a max and are not counted in an average. The window of an
// output pixel covers input rows oh·SH − PT + fh·DH and columns ow·SW − PL + fw·DW.
// Geometry arguments as in conv.ts: H, W, C, OH, OW, FH, FW, SH, SW, DH, DW, PT, PL.

function windowStart(o: i32, stride: i32, pad: i32): i32 {
  return o * stride - pad;
}

/** Output pixels [begin, end) of max pooling (max = true) or average pooling. */
export function pool2d(
  max: bool,
  x: usize,
  out: usize,
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
  begin: i32,
  end: i32,
): void {
  for (let g = begin; g < end; g++) {
    const n = g / (OH * OW);
    const rem = g - n * OH * OW;
    const oh = rem / OW;
    const ow = rem - oh * OW;
    const image = x + ((<usize>n * <usize>H * <usize>W * <usize>C) << 2);
    const dst = out + ((<usize>g * <usize>C) << 2);
    const h0 = windowStart(oh, SH, PT);
    const w0 = windowStart(ow, SW, PL);
    let count = 0;
    for (let fh = 0; fh < FH; fh++) {
      const ih = h0 + fh * DH;
      if (ih < 0 || ih >= H) continue;
      for (let fw = 0; fw < FW; fw++) {
        const iw = w0 + fw * DW;
        if (iw >= 0 && iw < W) count++;
      }
    }
    const scale = f32x4.splat(count > 0 ? <f32>1 / <f32>count : 0);
    let c = 0;
    for (; c < C; c += 4) {
      const lanes = min(4, C - c);
      let acc = f32x4.splat(max ? -Infinity : 0);
      for (let fh = 0; fh < FH; fh++) {
        const ih = h0 + fh * DH;
        if (ih < 0 || ih >= H) continue;
        for (let fw = 0; fw < FW; fw++) {
          const iw = w0 + fw * DW;
          if (iw < 0 || iw >= W) continue;
          const src = image + (((<usize>ih * <usize>W + <usize>iw) * <usize>C + <usize>c) << 2);
          const v = lanes == 4 ? v128.load(src) : loadLanes(src, lanes);
          acc = max ? f32x4.max(acc, v) : f32x4.add(acc, v);
        }
      }
      if (!max) acc = f32x4.mul(acc, scale);
      const p = dst + ((<usize>c) << 2);
      if (lanes == 4) v128.store(p, acc);
      else storeLanes(p, acc, lanes);
    }
  }
}

function loadLanes(p: usize, lanes: i32): v128 {
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (lanes > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (lanes > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

function storeLanes(p: usize, v: v128, lanes: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (lanes > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (lanes > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

/**
 * Gradient of max pooling for images [begin, end): dy of each output goes to the first maximum of
 * its window (scan order fh, fw), as PyTorch and TensorFlow route it. dx must be zeroed; windows of
 * one image overlap, so one image is one task.
 */
export function maxPool2dGrad(
  dy: usize,
  x: usize,
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
  begin: i32,
  end: i32,
): void {
  for (let n = begin; n < end; n++) {
    const image = <usize>n * <usize>H * <usize>W * <usize>C;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = windowStart(oh, SH, PT);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = windowStart(ow, SW, PL);
        const g = (<usize>n * <usize>OH + <usize>oh) * <usize>OW + <usize>ow;
        for (let c = 0; c < C; c++) {
          let best: f32 = -Infinity;
          let at: isize = -1;
          for (let fh = 0; fh < FH; fh++) {
            const ih = h0 + fh * DH;
            if (ih < 0 || ih >= H) continue;
            for (let fw = 0; fw < FW; fw++) {
              const iw = w0 + fw * DW;
              if (iw < 0 || iw >= W) continue;
              const index = <isize>(
                (image + (<usize>ih * <usize>W + <usize>iw) * <usize>C + <usize>c)
              );
              const v = load<f32>(x + ((<usize>index) << 2));
              if (at < 0 || v > best || (isNaN(v) && !isNaN(best))) {
                best = v;
                at = index;
              }
            }
          }
          if (at >= 0) {
            const p = dx + ((<usize>at) << 2);
            store<f32>(p, load<f32>(p) + load<f32>(dy + ((g * <usize>C + <usize>c) << 2)));
          }
        }
      }
    }
  }
}

/** Gradient of average pooling for images [begin, end): dy/count to every counted position. */
export function avgPool2dGrad(
  dy: usize,
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
  begin: i32,
  end: i32,
): void {
  for (let n = begin; n < end; n++) {
    const image = dx + ((<usize>n * <usize>H * <usize>W * <usize>C) << 2);
    for (let oh = 0; oh < OH; oh++) {
      const h0 = windowStart(oh, SH, PT);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = windowStart(ow, SW, PL);
        let count = 0;
        for (let fh = 0; fh < FH; fh++) {
          const ih = h0 + fh * DH;
          if (ih < 0 || ih >= H) continue;
          for (let fw = 0; fw < FW; fw++) {
            const iw = w0 + fw * DW;
            if (iw >= 0 && iw < W) count++;
          }
        }
        if (count == 0) continue;
        const scale = f32x4.splat(<f32>1 / <f32>count);
        const src =
          dy + ((((<usize>n * <usize>OH + <usize>oh) * <usize>OW + <usize>ow) * <usize>C) << 2);
        for (let fh = 0; fh < FH; fh++) {
          const ih = h0 + fh * DH;
          if (ih < 0 || ih >= H) continue;
          for (let fw = 0; fw < FW; fw++) {
            const iw = w0 + fw * DW;
            if (iw < 0 || iw >= W) continue;
            const dst = image + (((<usize>ih * <usize>W + <usize>iw) * <usize>C) << 2);
            let c = 0;
            for (; c + 4 <= C; c += 4) {
              const o = (<usize>c) << 2;
              v128.store(
                dst + o,
                f32x4.add(v128.load(dst + o), f32x4.mul(v128.load(src + o), scale)),
              );
            }
            for (; c < C; c++) {
              const o = (<usize>c) << 2;
              store<f32>(
                dst + o,
                load<f32>(dst + o) + load<f32>(src + o) * f32x4.extract_lane(scale, 0),
              );
            }
          }
        }
      }
    }
  }
}
