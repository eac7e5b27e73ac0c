// Typed access to fixtures/golden/schedules.json and the Python → camelCase kwarg mapping.
import { type GoldenArray, type Tolerance, loadGolden } from '@tensile/core/testing';

export interface ClosedFormCase {
  params: Record<string, unknown>;
  formula: string;
  lr: GoldenArray;
}

export interface TorchCase {
  torch: string;
  kwargs: Record<string, unknown>;
  lr0: number;
  lr: GoldenArray;
  momentum?: GoldenArray;
  beta1?: GoldenArray;
  metrics?: GoldenArray;
  num_reductions?: number;
}

export interface SchedulesFile {
  tolerance: Tolerance;
  steps: GoldenArray;
  closed_form: Record<string, ClosedFormCase>;
  torch: Record<string, TorchCase>;
}

export const schedulesFile = (): SchedulesFile => loadGolden<SchedulesFile>('schedules.json');

/** `T_max` → `tMax`, `eta_min` → `etaMin`, `T_0` → `t0`: DESIGN.md's mechanical mapping. */
export function camelCase(pythonName: string): string {
  const [head, ...rest] = pythonName.split('_');
  return head.toLowerCase() + rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

export function camelKeys(kwargs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camelCase(k), v]));
}

/** `'torch.optim.lr_scheduler.StepLR'` (or a call written out) → `'StepLR'`. */
export function torchClass(torch: string): string {
  const match = /lr_scheduler\.(\w+)/.exec(torch);
  if (match === null) throw new Error(`no scheduler class in '${torch}'`);
  return match[1];
}
