// A benchmark case: the same workload for every contender (each Tensile backend, each peer).
export interface Contender {
  /** e.g. 'tensile-cpu', 'tfjs-cpu' */
  name: string;
  /** Builds the inputs once and returns the function to time, plus a cleanup. */
  prepare(): Promise<{ run: () => void; dispose: () => void }>;
}

export interface BenchCase {
  group: 'op' | 'step' | 'job';
  name: string;
  /** Floating-point operations of one run, when meaningful (for GFLOP/s). */
  flops?: number;
  contenders: Contender[];
}

export interface Measurement {
  group: string;
  case: string;
  contender: string;
  meanMs: number;
  rmePercent: number;
  samples: number;
  gflops?: number;
}
