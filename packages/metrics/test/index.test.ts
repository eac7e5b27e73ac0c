// The public names are a contract (DESIGN.md §7, Appendix A): keep them exact.
import { describe, expect, it } from 'vitest';
import * as metrics from '../src/index.js';

describe('public API', () => {
  it('exports every functional metric and its streaming class', () => {
    const pairs = [
      'accuracy',
      'balancedAccuracy',
      'topKAccuracy',
      'precision',
      'recall',
      'f1',
      'fbeta',
      'confusionMatrix',
      'rocAuc',
      'averagePrecision',
      'logLoss',
      'meanSquaredError',
      'meanAbsoluteError',
      'rootMeanSquaredError',
      'r2Score',
      'explainedVariance',
    ];
    const api = metrics as unknown as Record<string, unknown>;
    for (const name of pairs) {
      expect(typeof api[name], name).toBe('function');
      const className = name === 'f1' ? 'F1' : name[0].toUpperCase() + name.slice(1);
      const Cls = api[className] as new (o?: object) => metrics.Metric;
      expect(typeof Cls, className).toBe('function');
      const instance = className === 'Fbeta' ? new Cls({ beta: 2 }) : new Cls();
      expect(instance).toBeInstanceOf(metrics.Metric);
      expect(instance.name).toBe(className);
    }
    for (const name of ['rocCurve', 'precisionRecallCurve', 'diagnose', 'MetricCollection']) {
      expect(typeof api[name], name).toBe('function');
    }
  });
});
