// The module's exports as the TypeScript side calls them (assembly/index.ts). Pointers are byte
// offsets into linear memory; booleans travel as 0/1; the last two arguments of every kernel are
// its work range [begin, end), which the thread pool splits.

type Ptr = number;

/** Convolution/pooling geometry as the module takes it (see assembly/conv.ts). */
export type Geometry = [
  H: number,
  W: number,
  C: number,
  OH: number,
  OW: number,
  FH: number,
  FW: number,
  SH: number,
  SW: number,
  DH: number,
  DW: number,
  PT: number,
  PL: number,
];
type Range = [begin: number, end: number];
/** Pointers and coefficients of one fused optimizer step (assembly/optim.ts), then the range. */
type OptimizerArgs = number[];

export interface KernelExports {
  unaryF32(op: number, x: Ptr, out: Ptr, p0: number, p1: number, begin: number, end: number): void;
  unaryI32(op: number, x: Ptr, out: Ptr, p0: number, p1: number, begin: number, end: number): void;
  logicalNotU8(x: Ptr, out: Ptr, begin: number, end: number): void;
  binary(
    op: number,
    dtype: number,
    a: Ptr,
    b: Ptr,
    out: Ptr,
    d1: number,
    d2: number,
    d3: number,
    sa0: number,
    sa1: number,
    sa2: number,
    sa3: number,
    sb0: number,
    sb1: number,
    sb2: number,
    sb3: number,
    begin: number,
    end: number,
  ): void;
  where(
    esize: number,
    c: Ptr,
    a: Ptr,
    b: Ptr,
    out: Ptr,
    d1: number,
    d2: number,
    d3: number,
    sc0: number,
    sc1: number,
    sc2: number,
    sc3: number,
    sa0: number,
    sa1: number,
    sa2: number,
    sa3: number,
    sb0: number,
    sb1: number,
    sb2: number,
    sb3: number,
    begin: number,
    end: number,
  ): void;
  reduceF32(
    op: number,
    x: Ptr,
    out: Ptr,
    reduce: number,
    inner: number,
    begin: number,
    end: number,
  ): void;
  reduceInt(
    op: number,
    bool: number,
    x: Ptr,
    out: Ptr,
    reduce: number,
    inner: number,
    begin: number,
    end: number,
  ): void;
  argReduce(
    sign: number,
    isInt: number,
    x: Ptr,
    out: Ptr,
    reduce: number,
    inner: number,
    begin: number,
    end: number,
  ): void;
  softmaxF32(log: number, x: Ptr, out: Ptr, n: number, begin: number, end: number): void;
  gemmPackB(
    b: Ptr,
    packed: Ptr,
    k: number,
    n: number,
    transB: number,
    begin: number,
    end: number,
  ): void;
  gemm(
    a: Ptr,
    transA: number,
    packed: Ptr,
    c: Ptr,
    m: number,
    n: number,
    k: number,
    bias: Ptr,
    act: number,
    alpha: number,
    accumulate: number,
    tileRows: number,
    tilePanels: number,
    begin: number,
    end: number,
  ): void;
  im2col(x: Ptr, cols: Ptr, ...rest: [...Geometry, firstRow: number, ...Range]): void;
  col2im(cols: Ptr, dx: Ptr, ...rest: [...Geometry, firstRow: number, ...Range]): void;
  pool2d(max: number, x: Ptr, out: Ptr, ...rest: [...Geometry, ...Range]): void;
  maxPool2dGrad(dy: Ptr, x: Ptr, dx: Ptr, ...rest: [...Geometry, ...Range]): void;
  avgPool2dGrad(dy: Ptr, dx: Ptr, ...rest: [...Geometry, ...Range]): void;
  layerNormF32(
    x: Ptr,
    gamma: Ptr,
    beta: Ptr,
    out: Ptr,
    n: number,
    eps: number,
    begin: number,
    end: number,
  ): void;
  batchNormCoefficients(
    mean: Ptr,
    variance: Ptr,
    offset: Ptr,
    scale: Ptr,
    s: Ptr,
    t: Ptr,
    count: number,
    eps: number,
  ): void;
  scaleShiftF32(
    x: Ptr,
    s: Ptr,
    t: Ptr,
    out: Ptr,
    d1: number,
    d2: number,
    d3: number,
    st0: number,
    st1: number,
    st2: number,
    st3: number,
    begin: number,
    end: number,
  ): void;
  dropoutF32(x: Ptr, mask: Ptr, out: Ptr, scale: number, begin: number, end: number): void;
  copyStrided(
    esize: number,
    src: Ptr,
    dst: Ptr,
    d1: number,
    d2: number,
    d3: number,
    s0: number,
    s1: number,
    s2: number,
    s3: number,
    begin: number,
    end: number,
  ): void;
  copyStridedTo(
    esize: number,
    src: Ptr,
    dst: Ptr,
    d1: number,
    d2: number,
    d3: number,
    t0: number,
    t1: number,
    t2: number,
    t3: number,
    begin: number,
    end: number,
  ): void;
  transpose2d(src: Ptr, dst: Ptr, rows: number, cols: number, begin: number, end: number): void;
  copy2d(
    esize: number,
    src: Ptr,
    dst: Ptr,
    cols: number,
    srcStride: number,
    dstStride: number,
    begin: number,
    end: number,
  ): void;
  fill(esize: number, dst: Ptr, bits: number, n: number): void;
  findInvalidIndex(indices: Ptr, n: number, limit: number): number;
  gather(
    esize: number,
    x: Ptr,
    indices: Ptr,
    out: Ptr,
    axisLength: number,
    inner: number,
    n: number,
    begin: number,
    end: number,
  ): void;
  scatterAdd(
    isInt: number,
    updates: Ptr,
    indices: Ptr,
    out: Ptr,
    outer: number,
    dimSize: number,
    n: number,
    inner: number,
  ): void;
  oneHot(
    esize: number,
    indices: Ptr,
    out: Ptr,
    n: number,
    depth: number,
    onBits: number,
    offBits: number,
  ): void;
  cast(from: number, to: number, x: Ptr, out: Ptr, begin: number, end: number): void;
  sgdStep(...args: OptimizerArgs): void;
  adamStep(...args: OptimizerArgs): void;
  nadamStep(...args: OptimizerArgs): void;
  radamStep(...args: OptimizerArgs): void;
  adamaxStep(...args: OptimizerArgs): void;
  adagradStep(...args: OptimizerArgs): void;
  adadeltaStep(...args: OptimizerArgs): void;
  rmspropStep(...args: OptimizerArgs): void;
  heapBase(): number;
}

/** Names of the exports a thread may run (the ones taking a trailing [begin, end) range). */
export type ParallelKernel = Exclude<
  keyof KernelExports,
  'fill' | 'findInvalidIndex' | 'scatterAdd' | 'oneHot' | 'batchNormCoefficients' | 'heapBase'
>;

/** Every parallel kernel, in a fixed order: workers look functions up by this index. */
export const PARALLEL_KERNELS: readonly ParallelKernel[] = [
  'unaryF32',
  'unaryI32',
  'logicalNotU8',
  'binary',
  'where',
  'reduceF32',
  'reduceInt',
  'argReduce',
  'softmaxF32',
  'gemmPackB',
  'gemm',
  'im2col',
  'col2im',
  'pool2d',
  'maxPool2dGrad',
  'avgPool2dGrad',
  'layerNormF32',
  'scaleShiftF32',
  'dropoutF32',
  'copyStrided',
  'copyStridedTo',
  'transpose2d',
  'copy2d',
  'gather',
  'cast',
  'sgdStep',
  'adamStep',
  'nadamStep',
  'radamStep',
  'adamaxStep',
  'adagradStep',
  'adadeltaStep',
  'rmspropStep',
];
