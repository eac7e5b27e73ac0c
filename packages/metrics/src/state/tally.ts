// A weighted total and the total weight: enough state for accuracy-like rates and mean losses.
import type { MetricState } from '../streaming/metric.js';

export class Tally implements MetricState {
  /** Σ w·value (hits, or losses). */
  sum = 0;
  /** Σ w. */
  weight = 0;

  add(value: number, weight: number): void {
    this.sum += value;
    this.weight += weight;
  }

  reset(): void {
    this.sum = 0;
    this.weight = 0;
  }

  merge(other: Tally): void {
    this.sum += other.sum;
    this.weight += other.weight;
  }
}
