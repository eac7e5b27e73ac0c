import * as tl from '@tensile/core';
import { describe, expect, it } from 'vitest';
import {
  adam,
  defineOptimizer,
  getOptimizer,
  listOptimizers,
  registerOptimizer,
} from '../../src/index.js';

describe('optimizer registry', () => {
  it('has every built-in, and rebuilds one from its saved config', () => {
    expect(listOptimizers()).toEqual(
      expect.arrayContaining([
        'adadelta',
        'adagrad',
        'adam',
        'adamax',
        'adamw',
        'nadam',
        'radam',
        'rmsprop',
        'sgd',
      ]),
    );
    const saved = JSON.parse(JSON.stringify(adam({ lr: 0.01, amsgrad: true }))) as {
      name: string;
      hyperparams: Record<string, unknown>;
    };
    const rebuilt = getOptimizer(saved.name)(saved.hyperparams);
    expect(rebuilt.name).toBe('adam');
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(saved));
  });

  it('lists the registered names when asked for an unknown one', () => {
    expect(() => getOptimizer('adamm')).toThrow(tl.ValueError);
    expect(() => getOptimizer('adamm')).toThrow(
      /^getOptimizer: unknown optimizer 'adamm'; registered: 'adadelta', 'adagrad', 'adam', /,
    );
  });

  it('refuses to take a name from another factory unless told to', () => {
    const mine = defineOptimizer({
      name: 'registryTestOptimizer',
      defaults: { lr: 1 },
      init: () => ({}),
      update: (grads, state) => ({ updates: grads, state }),
    });
    registerOptimizer('registryTestOptimizer', mine);
    registerOptimizer('registryTestOptimizer', mine);
    expect(getOptimizer('registryTestOptimizer')).toBe(mine);
    expect(() => registerOptimizer('adam', mine)).toThrow(
      /registerOptimizer: an optimizer named 'adam' is already registered; pass \{override: true\}/,
    );
    registerOptimizer('registryTestOptimizer', adam, { override: true });
    expect(getOptimizer('registryTestOptimizer')).toBe(adam);
    expect(() => registerOptimizer('', mine)).toThrow(/name must be a non-empty string/);
    expect(() => registerOptimizer('x', 3 as never)).toThrow(/factory must be a function, got 3/);
  });
});
