// The optimizer's checkpoint: the wrapper's state dict with every tensor slot moved into
// optimizer.safetensors (key '<parameter>::<slot>') and replaced by {"$tensor": key} in
// model.json, so large states stay binary and the JSON keeps the structure, step and scalars.
import * as tl from '@tensile/core';
import type { OptimizerStateDict, TensorData } from '@tensile/optimizers';
import type { SafetensorsEntry, SafetensorsFile } from './safetensors.js';

export interface TensorRef {
  $tensor: string;
}

/** The state dict as model.json stores it. */
export type SavedStateDict = Omit<OptimizerStateDict, 'state'> & {
  state: Record<string, Record<string, TensorRef>>;
};

export function splitStateDict(dict: OptimizerStateDict): {
  saved: SavedStateDict;
  tensors: SafetensorsEntry[];
} {
  const tensors: SafetensorsEntry[] = [];
  const state: Record<string, Record<string, TensorRef>> = {};
  for (const [param, slots] of Object.entries(dict.state)) {
    state[param] = {};
    for (const [slot, t] of Object.entries(slots)) {
      const name = `${param}::${slot}`;
      const data = t.dtype === 'float64' ? Float64Array.from(t.data) : Float32Array.from(t.data);
      tensors.push({ name, dtype: t.dtype, shape: t.shape, data });
      state[param][slot] = { $tensor: name };
    }
  }
  return { saved: { ...dict, state }, tensors };
}

/** Puts the tensors of optimizer.safetensors back into a saved state dict. */
export function joinStateDict(
  op: string,
  saved: unknown,
  file: SafetensorsFile,
  label: string,
): OptimizerStateDict {
  const fail = (what: string): never => {
    throw new tl.FormatError(op, `${label}: ${what}`);
  };
  if (typeof saved !== 'object' || saved === null) fail('model.json has no optimizer state dict');
  const dict = saved as SavedStateDict;
  if (typeof dict.state !== 'object' || dict.state === null)
    fail('the optimizer state dict has no state');
  const state: Record<string, Record<string, TensorData>> = {};
  const used = new Set<string>();
  for (const [param, slots] of Object.entries(dict.state)) {
    state[param] = {};
    for (const [slot, ref] of Object.entries(slots ?? {})) {
      const key = ref?.$tensor;
      const entry = typeof key === 'string' ? file.tensors.get(key) : undefined;
      if (entry === undefined) fail(`lacks the state tensor for '${param}' slot '${slot}'`);
      const e = entry as SafetensorsEntry;
      if (e.dtype !== 'float32' && e.dtype !== 'float64')
        fail(`state tensor '${e.name}' is ${e.dtype}, not float`);
      used.add(e.name);
      state[param][slot] = {
        shape: [...e.shape],
        dtype: e.dtype as 'float32' | 'float64',
        data: Array.from(e.data),
      };
    }
  }
  const extra = [...file.tensors.keys()].filter((k) => !used.has(k));
  if (extra.length) fail(`holds tensors the state dict does not mention: ${extra.join(', ')}`);
  return { ...dict, state } as OptimizerStateDict;
}
