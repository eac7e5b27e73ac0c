// flatten, reshape, conv2d and pooling geometry, embedding lookups, add: shapes (symbolic and
// eager), configuration and bad input.
import '@tensile/backend-cpu';
import * as tl from '@tensile/core';
import { describe, expect, it } from 'vitest';
import { input, layers } from '../../src/index.js';

describe('shape layers', () => {
  it('flatten and reshape', () => {
    const x = input({ shape: [2, 3, 4] });
    expect(layers.flatten().apply(x).shape).toEqual([null, 24]);
    expect(layers.reshape({ targetShape: [4, -1] }).apply(x).shape).toEqual([null, 4, 6]);
    expect(() => layers.reshape({ targetShape: [5, -1] }).apply(x)).toThrow(
      /cannot reshape \(None, 2, 3, 4\) to \(None, 5, -1\)/,
    );
    expect(() => layers.reshape({ targetShape: [-1, -1] })).toThrow(/at most one −1/);
    tl.tidy(() => {
      expect(layers.flatten().apply(tl.ones([5, 2, 3])).shape).toEqual([5, 6]);
      expect(layers.reshape({ targetShape: [3, 2] }).apply(tl.ones([5, 6])).shape).toEqual([
        5, 3, 2,
      ]);
    });
  });

  it('conv2d: TensorFlow geometry for valid, same (odd pixel bottom/right) and explicit padding', () => {
    const x = input({ shape: [7, 6, 3] });
    const cases: Array<[object, (number | null)[]]> = [
      [{ kernelSize: 3 }, [null, 5, 4, 4]],
      [{ kernelSize: 3, padding: 'same', strides: 2 }, [null, 4, 3, 4]],
      [{ kernelSize: [3, 2], padding: 1, strides: [2, 1] }, [null, 4, 7, 4]],
      [{ kernelSize: 3, dilationRate: 2 }, [null, 3, 2, 4]],
    ];
    for (const [options, shape] of cases) {
      const layer = layers.conv2d({ filters: 4, ...(options as { kernelSize: number }) });
      expect(layer.apply(x).shape).toEqual(shape);
      tl.tidy(() => {
        expect(layer.apply(tl.ones([2, 7, 6, 3])).shape).toEqual([2, ...shape.slice(1)]);
      });
      expect(layer.kernel?.shape.slice(2)).toEqual([3, 4]);
      layer.dispose();
    }
    expect(
      layers.conv2d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [null, null, 3] })).shape,
    ).toEqual([null, null, null, 2]);
    expect(() =>
      layers.conv2d({ filters: 2, kernelSize: 3, dataFormat: 'channelsFirst' as never }),
    ).toThrow(/dataFormat must be 'channelsLast'/);
    expect(() => layers.conv2d({ filters: 2, kernelSize: 0 })).toThrow(/kernelSize/);
    expect(() => layers.conv2d({ filters: 2, kernelSize: 9 }).apply(x)).toThrow(
      /window is larger than the padded input/,
    );
    expect(() =>
      layers.conv2d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [4, 4] })),
    ).toThrow(/rank 4/);
  });

  it('pooling: floor mode for valid, ceil for same', () => {
    const x = input({ shape: [5, 7, 2] });
    expect(layers.maxPooling2d().apply(x).shape).toEqual([null, 2, 3, 2]);
    expect(layers.averagePooling2d({ poolSize: 2, padding: 'same' }).apply(x).shape).toEqual([
      null,
      3,
      4,
      2,
    ]);
    expect(layers.maxPooling2d({ poolSize: [3, 2], strides: 1 }).apply(x).shape).toEqual([
      null,
      3,
      6,
      2,
    ]);
    tl.tidy(() => {
      const y = layers
        .averagePooling2d({ poolSize: 2, padding: 'same' })
        .apply(tl.ones([1, 5, 7, 2]));
      // Average pooling averages only unpadded positions.
      expect(Array.from(y.dataSync()).every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
    });
  });

  it('embedding: int32 indices within the vocabulary', () => {
    const layer = layers.embedding({ inputDim: 5, outputDim: 3 });
    expect(layer.apply(input({ shape: [4], dtype: 'int32' })).shape).toEqual([null, 4, 3]);
    tl.tidy(() => {
      expect(() => layer.apply(tl.tensor([[1.5, 2]]))).toThrow(
        /indices must be int32, got float32/,
      );
      expect(() => layer.apply(tl.tensor([[1, 5]], [1, 2], 'int32'))).toThrow(
        /index 5 at position 1 is outside the vocabulary \[0, 4\]/,
      );
      expect(layer.apply(tl.tensor([[4, 0]], [1, 2], 'int32')).shape).toEqual([1, 2, 3]);
    });
    const values = layer.embeddings?.dataSync() ?? [];
    expect(Math.max(...Array.from(values).map(Math.abs))).toBeLessThanOrEqual(0.05);
    layer.dispose();
  });

  it('add: sums inputs of one shape', () => {
    const a = input({ shape: [3] });
    const b = input({ shape: [3] });
    expect(layers.add().apply([a, b, a]).shape).toEqual([null, 3]);
    expect(() => layers.add().apply([a, input({ shape: [4] })])).toThrow(
      /inputs must have the same shape: \(None, 3\) vs \(None, 4\)/,
    );
    expect(() => layers.add().apply(a)).toThrow(/expects 2 to Infinity inputs, got 1/);
    tl.tidy(() => {
      expect(
        Array.from(
          layers
            .add()
            .apply([tl.ones([1, 2]), tl.ones([1, 2])])
            .dataSync(),
        ),
      ).toEqual([2, 2]);
    });
  });

  it('registers and rebuilds layers by class name', () => {
    expect(layers.listLayers()).toContain('LSTM');
    expect(() => layers.layerFromConfig({ className: 'Capsule', config: {} })).toThrow(
      /unknown layer class 'Capsule'/,
    );
    layers.registerLayer('Identity', () => layers.activation({ activation: 'linear' }));
    expect(layers.layerFromConfig({ className: 'Identity', config: {} }).className).toBe(
      'Activation',
    );
  });
});
