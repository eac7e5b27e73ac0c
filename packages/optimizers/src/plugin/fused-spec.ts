// The fused path of an optimizer: its kernel, and how its state maps onto the kernel's slots.
// The definition's `update` stays the one definition of the math: the kernel's composite default
// (what backends without a native kernel run) is that same `update`, applied to the kernel's
// inputs, and tests hold every native kernel to it.
import type { Tensor } from '@tensile/core';
import { clone, getBackend, ValueError } from '@tensile/core';
import {
  hasNativeKernel,
  packOptimizerOutput,
  registerOptimizerComposite,
  runOptimizerKernel,
  unpackOptimizerOutput,
} from '../fused/kernel.js';
import { isPlainObject, tensorsOf } from '../state-tree.js';
import type { ParamsRecord } from '../params.js';
import type {
  BaseHyperparams,
  OptimizerDefinition,
  ResolvedHyperparams,
} from './define-optimizer.js';

/** What a kernel reads from (and writes back to) an optimizer's state. */
export interface FusedState {
  /** Per-parameter state tensors, one record per slot, in the kernel's slot order. */
  slots: ParamsRecord[];
  /** Scalar state the kernel needs. */
  scalars: Record<string, number>;
}

export interface FusedSpec<H extends BaseHyperparams, S> {
  /** The kernel's name in the registry (register implementations with registerOptimizerKernel). */
  kernelName: string;
  /**
   * For a state that is a plain object of slot records (`{expAvg: {W: …, b: …}}`): the slot
   * names in kernel order. Then `read` and `write` need not be given.
   */
  slots?: readonly string[];
  /** The slots and scalars of `state`; `undefined` when this step cannot be fused. */
  read?(state: S, hp: ResolvedHyperparams<H>): FusedState | undefined;
  /** `state` with these slots and scalars, and `count` completed updates where it counts them. */
  write?(state: S, fused: FusedState, count: number, hp: ResolvedHyperparams<H>): S;
  /** The scalar state after update number `step` (default: unchanged). */
  advance?(
    scalars: Readonly<Record<string, number>>,
    hp: ResolvedHyperparams<H>,
    step: number,
  ): Record<string, number>;
}

interface Lens<H extends BaseHyperparams, S> {
  read(state: S, hp: ResolvedHyperparams<H>): FusedState | undefined;
  write(state: S, fused: FusedState, count: number, hp: ResolvedHyperparams<H>): S;
  advance(
    scalars: Readonly<Record<string, number>>,
    hp: ResolvedHyperparams<H>,
    step: number,
  ): Record<string, number>;
}

function lensOf<H extends BaseHyperparams, S>(op: string, spec: FusedSpec<H, S>): Lens<H, S> {
  const names = spec.slots ?? [];
  const readSlots = (state: S): FusedState | undefined => {
    if (!isPlainObject(state)) {
      throw new ValueError(
        op,
        `fused.slots needs a state object holding the slots ${names.join(', ')}; give fused.read and fused.write for other states`,
      );
    }
    const slots: ParamsRecord[] = [];
    for (const name of names) {
      const record = state[name];
      if (!isPlainObject(record)) return undefined;
      // A plain object of the state's per-parameter tensors, checked by the caller per name.
      slots.push(record as ParamsRecord);
    }
    return { slots, scalars: {} };
  };
  // The default layout is `{...state, [slot]: record}`: the same type S with new slot records.
  const writeSlots = (state: S, fused: FusedState): S =>
    ({ ...state, ...Object.fromEntries(names.map((n, i) => [n, fused.slots[i]])) }) as S;
  return {
    read: spec.read ?? readSlots,
    write: spec.write ?? writeSlots,
    advance: spec.advance ?? ((scalars) => ({ ...scalars })),
  };
}

const byName = (names: readonly string[], list: readonly Tensor[]): ParamsRecord =>
  Object.fromEntries(names.map((n, i) => [n, list[i]]));

/**
 * One step through the fused kernel, or `undefined` when the step takes the composite path: no
 * fused spec, `fused: false`, a state the kernel cannot take, mixed dtypes, or (unless
 * `fused: true`) no native kernel on the active backend or no state at all (a plain scaling, which
 * one pass cannot beat once its output is copied and split).
 */
export function runFused<H extends BaseHyperparams, S>(
  definition: OptimizerDefinition<H, S>,
  fused: boolean | null,
  grads: ParamsRecord,
  state: S,
  params: ParamsRecord | undefined,
  hp: ResolvedHyperparams<H>,
  step: number,
): { updates: ParamsRecord; state: S } | undefined {
  const spec = definition.fused;
  const names = Object.keys(grads);
  if (spec === undefined || fused === false || names.length === 0) return undefined;
  if (params === undefined) {
    if (fused !== true) return undefined;
    throw new ValueError(
      definition.name,
      'the fused update needs the parameters: call update(grads, state, params)',
    );
  }
  if (fused !== true && !hasNativeKernel(spec.kernelName, getBackend())) return undefined;
  const lens = lensOf(definition.name, spec);
  const current = lens.read(state, hp);
  if (current === undefined) return undefined;
  const dtype = grads[names[0]].dtype;
  const slotLists = current.slots.map((record) => names.map((n) => record[n]));
  const uniform =
    names.every((n) => grads[n].dtype === dtype && params[n].dtype === dtype) &&
    slotLists.every((list) => list.every((t) => t !== undefined && t.dtype === dtype));
  if (!uniform) return undefined;
  const slotCount = current.slots.length;
  if (fused !== true && slotCount === 0) return undefined;
  const packed = runOptimizerKernel(
    spec.kernelName,
    {
      params: names.map((n) => params[n]),
      grads: names.map((n) => grads[n]),
      slots: slotLists.flat(),
    },
    { hp, step, scalars: current.scalars, slotCount },
    definition.name,
  );
  const out = unpackOptimizerOutput(
    packed,
    names.map((n) => grads[n].shape),
    slotCount,
  );
  const next = lens.write(
    state,
    {
      slots: out.slots.map((list) => byName(names, list)),
      scalars: lens.advance(current.scalars, hp, step),
    },
    step + 1,
    hp,
  );
  return { updates: byName(names, out.updates), state: next };
}

/**
 * Registers the kernel's composite default: the definition's own `update` on the kernel's inputs,
 * packed in the kernel layout. Backends without a native kernel run it when `fused: true`.
 */
export function registerFusedComposite<H extends BaseHyperparams, S>(
  definition: OptimizerDefinition<H, S>,
): void {
  const spec = definition.fused;
  if (spec === undefined) return;
  const op = definition.name;
  const lens = lensOf(op, spec);
  registerOptimizerComposite(spec.kernelName, (inputs, attrs) => {
    const count = inputs.params.length;
    const names = inputs.params.map((_, i) => `p${i}`);
    const params = byName(names, inputs.params);
    const grads = byName(names, inputs.grads);
    // Clones (views) stand in for the input slots, so the update may dispose what it replaces.
    const slots = Array.from({ length: attrs.slotCount }, (_, s) =>
      byName(
        names,
        inputs.slots.slice(s * count, (s + 1) * count).map((t) => clone(t)),
      ),
    );
    // The kernel's attrs carry this optimizer's resolved hyper-parameters.
    const hp = attrs.hp as ResolvedHyperparams<H>;
    const template = definition.init(params, hp);
    const before = lens.write(template, { slots, scalars: { ...attrs.scalars } }, attrs.step, hp);
    const out = definition.update(grads, before, params, hp, attrs.step);
    const after = lens.read(out.state, hp);
    if (after === undefined || after.slots.length !== attrs.slotCount) {
      throw new ValueError(op, `fused.read found no ${attrs.slotCount} slots in the updated state`);
    }
    const packed = packOptimizerOutput(
      names.map((n) => out.updates[n]),
      after.slots.map((record) => names.map((n) => record[n])),
    );
    // State tensors the definition kept are released here; temporaries go with the engine's tidy.
    for (const t of tensorsOf(template, before, out.state)) t.dispose();
    return packed;
  });
}
