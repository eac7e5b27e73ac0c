// The HTML report is one standalone, well-formed file with a chart per plot and the confusion matrix.
import { diagnose } from '@tensile/metrics';
import { describe, expect, it } from 'vitest';
import { recipeDefaults } from '../src/index.js';
import type { RunRecord } from '../src/index.js';
import { renderReport } from '../src/report/html.js';
import { escapeXml, heatmap, lineChart, niceTicks } from '../src/report/svg.js';
import { checkWellFormed } from './helpers/xml.js';

function record(): RunRecord {
  const matrix = Array.from({ length: 10 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => (i === j ? 970 + i : (i + 2 * j) % 4 === 0 ? 3 : 0)),
  );
  const history = Array.from({ length: 6 }, (_, e) => ({
    epoch: e + 1,
    loss: 0.5 / (e + 1),
    accuracy: 0.9 + e * 0.01,
    valLoss: 0.3 / (e + 1) + 0.01 * e,
    valAccuracy: 0.92 + e * 0.008,
    lr: 1e-3 * (1 - e / 6),
    seconds: 10 + e,
  }));
  return {
    format: 'tensile-run',
    formatVersion: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    tensileVersion: '0.1.0',
    command: 'tensile train mnist --report "r<&>.html"',
    dataset: 'mnist',
    examples: { train: 48000, validation: 12000, test: 10000 },
    preprocessing: { scale: 1 / 255, inputShape: [784] },
    recipe: recipeDefaults('mlp', 'dropout'),
    backend: 'cpu',
    threads: 1,
    parameters: 235146,
    results: {
      trainError: 0.004,
      validationError: 0.017,
      testError: 0.0165,
      testAccuracy: 0.9835,
      testLoss: 0.06,
      bestEpoch: 5,
      epochs: 6,
      stoppedEarly: false,
      seconds: 123.4,
      trainSeconds: 110,
    },
    history,
    confusionMatrix: matrix,
    diagnosis: { summary: 'x', humanError: 0.002, avoidableBias: 0.002, variance: 0.013 },
  };
}

describe('renderReport', () => {
  const r = record();
  const diagnosis = diagnose({
    humanError: 0.002,
    trainError: 0.004,
    devError: 0.017,
    testError: 0.0165,
  });
  const html = renderReport(r, diagnosis);

  it('is a well-formed standalone HTML document', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const elements = checkWellFormed(html);
    expect(elements.slice(0, 3)).toEqual(['html', 'head', 'meta']);
    expect(elements).toContain('body');
    // Nothing to fetch: no scripts, stylesheets, images or remote links.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href="http|url\(/i);
  });

  it('holds an SVG per plot: loss, accuracy, learning rate and the confusion matrix', () => {
    const titles = [...html.matchAll(/<svg[^>]*aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(titles).toEqual([
      'Loss per epoch',
      'Accuracy per epoch',
      'Learning rate at the end of each epoch',
      'Confusion matrix on the 10000 test images',
    ]);
    for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) {
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      checkWellFormed(svg);
    }
    // Training and validation curves, one point per epoch each.
    const lossSvg = (html.match(/<svg[^>]*aria-label="Loss per epoch"[\s\S]*?<\/svg>/) ?? [''])[0];
    expect(lossSvg.match(/<path /g)).toHaveLength(2);
    expect(lossSvg.match(/<circle /g)).toHaveLength(12);
  });

  it('shows the confusion matrix: 100 cells with their counts', () => {
    const svg = (html.match(/<svg[^>]*class="heatmap"[\s\S]*?<\/svg>/) ?? [''])[0];
    expect(svg.match(/<rect x="\d+" y="\d+" width="40"/g)).toHaveLength(100);
    expect(svg).toContain('>979</text>');
    expect(svg).toContain('true 9, predicted 9: 979');
  });

  it('states the scores, the diagnosis and the recipe, escaping text', () => {
    expect(html).toContain('test error 1.65%');
    expect(html).toContain(escapeXml(diagnosis.summary));
    expect(html).toContain('tensile train mnist --report &quot;r&lt;&amp;&gt;.html&quot;');
    expect(html).toContain('<td>dropout</td><td>0.2</td>');
  });
});

describe('charts', () => {
  it('niceTicks covers the range with round steps', () => {
    expect(niceTicks(0.013, 0.09)).toEqual([0, 0.02, 0.04, 0.06, 0.08, 0.1]);
    expect(niceTicks(0.9, 1)).toEqual([0.9, 0.92, 0.94, 0.96, 0.98, 1]);
    const flat = niceTicks(0.5, 0.5);
    expect(flat[0]).toBeLessThan(0.5);
    expect(flat[flat.length - 1]).toBeGreaterThan(0.5);
  });

  it('lineChart skips non-finite points and draws a marker', () => {
    const svg = lineChart({
      title: 'T',
      xLabel: 'Epoch',
      yLabel: 'y',
      x: [1, 2, 3],
      series: [{ name: 's', values: [1, NaN, 3], color: '#000' }],
      marker: { x: 3, label: 'best' },
    });
    checkWellFormed(svg);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('>best</text>');
  });

  it('heatmap of an all-zero matrix still renders', () => {
    const svg = heatmap({
      title: 'z',
      matrix: [
        [0, 0],
        [0, 0],
      ],
      labels: ['a', 'b'],
      rowTitle: 'r',
      columnTitle: 'c',
    });
    checkWellFormed(svg);
    expect(svg).not.toContain('NaN');
  });
});
