import './helpers/backend.js';
import { describe, expect, it } from 'vitest';
import * as tl from '@tensile/core';
import { EarlyStopping, earlyStopping, inferMode, snapshotWeights } from '../src/index.js';
import type { EarlyStoppingOptions, WeightsSnapshot } from '../src/index.js';

/** One row of a hand-worked sequence: the value fed and what must come out. */
interface Step {
  value: number;
  improved: boolean;
  stop: boolean;
  best: number;
  bestEpoch: number;
  wait: number;
}

function run(options: EarlyStoppingOptions, steps: Step[]): EarlyStopping {
  const es = earlyStopping(options);
  steps.forEach((s, epoch) => {
    const d = es.update(s.value, epoch);
    const got = {
      improved: d.improved,
      stop: d.stop,
      best: es.bestValue,
      bestEpoch: es.bestEpoch,
      wait: es.wait,
    };
    const want = {
      improved: s.improved,
      stop: s.stop,
      best: s.best,
      bestEpoch: s.bestEpoch,
      wait: s.wait,
    };
    expect(got, `epoch ${epoch} (value ${s.value})`).toEqual(want);
  });
  return es;
}

const row = (
  value: number,
  improved: boolean,
  stop: boolean,
  best: number,
  bestEpoch: number,
  wait: number,
): Step => ({ value, improved, stop, best, bestEpoch, wait });

describe('earlyStopping: hand-worked sequences', () => {
  it('min mode, minDelta 0.01, patience 2', () => {
    // An improvement must beat the BEST by more than minDelta: 0.945 is not one (best 0.95),
    // 0.935 is (0.935 < 0.94), 0.93 and 0.926 are not (best − minDelta = 0.925).
    const es = run({ monitor: 'val_loss', mode: 'min', minDelta: 0.01, patience: 2 }, [
      row(1.0, true, false, 1.0, 0, 0),
      row(0.95, true, false, 0.95, 1, 0),
      row(0.945, false, false, 0.95, 1, 1),
      row(0.935, true, false, 0.935, 3, 0),
      row(0.93, false, false, 0.935, 3, 1),
      row(0.926, false, true, 0.935, 3, 2),
    ]);
    expect(es.stoppedEpoch).toBe(5);
  });

  it('min mode: small steps that each beat the previous value but not the best do not count', () => {
    run({ minDelta: 0.01, patience: 3 }, [
      row(1.0, true, false, 1.0, 0, 0),
      row(0.995, false, false, 1.0, 0, 1),
      row(0.991, false, false, 1.0, 0, 2),
      // 0.989 < 1.0 − 0.01: measured against the best, the small steps add up to an improvement.
      row(0.989, true, false, 0.989, 3, 0),
    ]);
  });

  it("max mode ('auto' on val_accuracy), minDelta 0.005, patience 2", () => {
    const es = run({ monitor: 'val_accuracy', minDelta: 0.005, patience: 2 }, [
      row(0.5, true, false, 0.5, 0, 0),
      row(0.6, true, false, 0.6, 1, 0),
      row(0.603, false, false, 0.6, 1, 1),
      row(0.61, true, false, 0.61, 3, 0),
      row(0.612, false, false, 0.61, 3, 1),
      row(0.6, false, true, 0.61, 3, 2),
    ]);
    expect(es.mode).toBe('max');
  });

  it('patience 0 stops at the first epoch without improvement', () => {
    run({ mode: 'max' }, [row(0.1, true, false, 0.1, 0, 0), row(0.1, false, true, 0.1, 0, 1)]);
  });

  it('baseline: improvements that do not beat it never reset wait', () => {
    run({ baseline: 0.5, patience: 2 }, [
      row(0.9, true, false, 0.9, 0, 1),
      row(0.8, true, false, 0.8, 1, 2),
      row(0.85, false, true, 0.8, 1, 3),
    ]);
    run({ baseline: 0.5, patience: 1 }, [
      row(0.45, true, false, 0.45, 0, 0),
      row(0.46, false, true, 0.45, 0, 1),
    ]);
  });

  it('startFromEpoch: warm-up epochs are not monitored', () => {
    const es = earlyStopping({ startFromEpoch: 2, patience: 0 });
    expect(es.update(5, 0)).toEqual({ stop: false, improved: false });
    expect(es.update(9, 1).stop).toBe(false);
    expect(es.bestEpoch).toBe(-1);
    expect(es.update(3, 2)).toMatchObject({ improved: true, stop: false });
    expect(es.update(4, 3)).toMatchObject({ improved: false, stop: true });
    expect(es.bestValue).toBe(3);
  });

  it('NaN never improves, and (as Keras) epoch 0 never stops', () => {
    const es = earlyStopping({ patience: 0 });
    expect(es.update(Number.NaN, 0)).toMatchObject({ improved: false, stop: false });
    expect(es.bestValue).toBe(Infinity);
    expect(es.update(Number.NaN, 1)).toMatchObject({ improved: false, stop: true });
  });

  it('counts epochs itself when none is given', () => {
    const es = earlyStopping({ patience: 1 });
    es.update(1);
    es.update(0.5);
    expect(es.bestEpoch).toBe(1);
    expect(es.update(0.7)).toMatchObject({ stop: true });
    expect(es.stoppedEpoch).toBe(2);
  });
});

describe('earlyStopping with restoreBestWeights', () => {
  it('asks for a snapshot at each improvement and a restore at the stop', () => {
    const es = earlyStopping({ patience: 2, minDelta: 0.01, restoreBestWeights: true });
    const actions = [1.0, 0.95, 0.945, 0.935, 0.93, 0.926].map((v, e) => {
      const { stop } = es.update(v, e);
      return [es.shouldSnapshot, es.shouldRestore, stop];
    });
    expect(actions).toEqual([
      [true, false, false],
      [true, false, false],
      [false, false, false],
      [true, false, false],
      [false, false, false],
      [false, true, true],
    ]);
  });

  it('without restoreBestWeights never asks for either', () => {
    const es = earlyStopping({ patience: 0 });
    for (const [e, v] of [1, 0.5, 0.9].entries()) {
      es.update(v, e);
      expect([es.shouldSnapshot, es.shouldRestore]).toEqual([false, false]);
    }
  });

  it('a first value that is NaN still gets its snapshot, as Keras 3 takes the current weights', () => {
    const es = earlyStopping({ patience: 1, restoreBestWeights: true });
    es.update(Number.NaN, 0);
    expect([es.shouldSnapshot, es.bestEpoch, es.bestValue]).toEqual([true, 0, Infinity]);
    es.update(Number.NaN, 1);
    expect([es.shouldSnapshot, es.shouldRestore]).toEqual([false, true]);
  });

  it('restores the weights of the best epoch through snapshotWeights', () => {
    const w = tl.variable(tl.zeros([2]), { name: 'es-w' });
    const b = tl.variable(tl.zeros([1]), { name: 'es-b' });
    const variables = { w, b };
    const es = earlyStopping({ monitor: 'val_acc', patience: 1, restoreBestWeights: true });
    const accuracy = [0.7, 0.9, 0.85, 0.8];
    let best: WeightsSnapshot | null = null;
    const before = tl.memory().numTensors;
    let stoppedAt = -1;
    for (let epoch = 0; epoch < accuracy.length; epoch++) {
      // "Training": the weights become (epoch, epoch), (10·epoch).
      tl.tidy(() => {
        w.assign(tl.fill([2], epoch));
        b.assign(tl.fill([1], 10 * epoch));
      });
      const { stop } = es.update(accuracy[epoch], epoch);
      if (es.shouldSnapshot) {
        best?.dispose();
        best = snapshotWeights(variables);
      }
      if (es.shouldRestore) best?.restore(variables);
      if (stop) {
        stoppedAt = epoch;
        break;
      }
    }
    expect(stoppedAt).toBe(2);
    expect(es.bestEpoch).toBe(1);
    expect(Array.from(w.dataSync())).toEqual([1, 1]);
    expect(Array.from(b.dataSync())).toEqual([10]);
    (best as WeightsSnapshot | null)?.dispose();
    // Only the variables hold buffers now: every snapshot was freed.
    expect(tl.memory().numTensors).toBe(before);
    tl.dispose([w, b]);
  });
});

describe('earlyStopping options', () => {
  it('defaults to Keras: val_loss, min, patience 0, minDelta 0', () => {
    const es = new EarlyStopping();
    expect([es.monitor, es.mode, es.patience, es.minDelta, es.baseline]).toEqual([
      'val_loss',
      'min',
      0,
      0,
      undefined,
    ]);
    expect([es.restoreBestWeights, es.startFromEpoch, es.bestValue, es.bestEpoch]).toEqual([
      false,
      0,
      Infinity,
      -1,
    ]);
    expect(earlyStopping({ mode: 'max' }).bestValue).toBe(-Infinity);
  });

  it.each([
    ['val_loss', 'min'],
    ['loss', 'min'],
    ['val_mean_squared_error', 'min'],
    ['acc', 'max'],
    ['val_acc', 'max'],
    ['val_accuracy', 'max'],
    ['valAccuracy', 'max'],
    ['topKAccuracy', 'max'],
    ['val_auc', 'max'],
    ['rocAuc', 'max'],
    ['val_f1', 'max'],
    ['precision', 'max'],
    ['val_recall', 'max'],
    ['r2Score', 'max'],
    ['logLoss', 'min'],
  ])("'auto' reads %s as %s", (monitor, mode) => {
    expect(inferMode(monitor)).toBe(mode);
    expect(earlyStopping({ monitor }).mode).toBe(mode);
  });

  it('an explicit mode wins over the name', () => {
    expect(earlyStopping({ monitor: 'val_accuracy', mode: 'min' }).mode).toBe('min');
  });

  it.each([
    [{ patience: -1 }, 'earlyStopping: patience must be an integer ≥ 0, got -1'],
    [{ patience: 1.5 }, 'earlyStopping: patience must be an integer ≥ 0, got 1.5'],
    [{ minDelta: -0.1 }, 'earlyStopping: minDelta must be a finite number ≥ 0, got -0.1'],
    [{ mode: 'up' }, "earlyStopping: mode must be one of 'auto', 'min', 'max', got 'up'"],
    [{ monitor: '' }, "earlyStopping: monitor must be a non-empty string, got ''"],
    [{ baseline: Number.NaN }, 'earlyStopping: baseline must be a finite number, got NaN'],
    [{ restore_best_weights: true }, "earlyStopping: unknown option 'restore_best_weights'"],
  ])('rejects %j', (options, message) => {
    expect(() => earlyStopping(options as EarlyStoppingOptions)).toThrow(tl.ValueError);
    expect(() => earlyStopping(options as EarlyStoppingOptions)).toThrow(message);
  });

  it('rejects bad updates', () => {
    const es = earlyStopping();
    expect(() => es.update('0.5' as never)).toThrow(
      "earlyStopping.update: value must be a number, got '0.5'",
    );
    expect(() => es.update(0.5, -1)).toThrow(
      'earlyStopping.update: epoch must be an integer ≥ 0, got -1',
    );
  });
});

describe('earlyStopping state', () => {
  it('reset() starts over; stateDict/loadStateDict resume mid-run', () => {
    const values = [1, 0.8, 0.85, 0.9, 0.7, 0.75, 0.76];
    const straight = earlyStopping({ patience: 2 });
    const expected = values.map((v, e) => straight.update(v, e));

    const first = earlyStopping({ patience: 2 });
    values.slice(0, 3).forEach((v, e) => first.update(v, e));
    const saved = JSON.parse(JSON.stringify(first.stateDict())) as ReturnType<
      EarlyStopping['stateDict']
    >;
    const resumed = earlyStopping({ patience: 2 });
    resumed.loadStateDict(saved);
    const rest = values.slice(3).map((v, i) => resumed.update(v, i + 3));
    expect(rest).toEqual(expected.slice(3));

    first.reset();
    expect([first.bestValue, first.bestEpoch, first.wait, first.stoppedEpoch]).toEqual([
      Infinity,
      -1,
      0,
      -1,
    ]);
    expect(() => first.loadStateDict({ wait: 1 } as never)).toThrow(/state lacks bestValue/);
  });
});
