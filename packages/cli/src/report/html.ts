// The training report: one standalone HTML file (inline CSS and SVG, no script, nothing fetched)
// that can be mailed or attached to a CI run. It shows the scores, the bias/variance diagnosis,
// loss and accuracy per epoch for training and validation, the learning rate, the confusion
// matrix with per-class precision and recall, the recipe and the epoch table. The markup is
// XHTML-compatible (every element closed) so a plain XML check can verify it.
import type { Diagnosis } from '@tensile/metrics';
import type { RunRecord } from '../run-record.js';
import { escapeXml, heatmap, lineChart } from './svg.js';

const COLORS = { train: '#2563eb', validation: '#ea580c', lr: '#059669' } as const;

const pct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)}%`;

function seconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  className = '',
): string {
  const th = head.map((h) => `<th>${escapeXml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table${className === '' ? '' : ` class="${className}"`}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Per-class precision and recall from a confusion matrix (rows true, columns predicted). */
export function perClass(
  matrix: readonly (readonly number[])[],
): { precision: number; recall: number; support: number }[] {
  return matrix.map((row, k) => {
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, r) => a + r[k], 0);
    return {
      precision: predicted > 0 ? row[k] / predicted : 0,
      recall: support > 0 ? row[k] / support : 0,
      support,
    };
  });
}

/** The most frequent confusions, largest first. */
function topConfusions(matrix: readonly (readonly number[])[], count: number): string[] {
  const pairs: { t: number; p: number; v: number }[] = [];
  matrix.forEach((row, t) =>
    row.forEach((v, p) => (t !== p && v > 0 ? pairs.push({ t, p, v }) : 0)),
  );
  return pairs
    .sort((a, b) => b.v - a.v)
    .slice(0, count)
    .map(({ t, p, v }) => `${t} read as ${p}: ${v}`);
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2937; background: #f8fafc; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
.sub { color: #6b7280; font-size: 13px; }
code { background: #eef2f7; padding: 1px 4px; border-radius: 3px; font-size: 12px; word-break: break-all; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
.card { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 14px; min-width: 130px; }
.card .v { font-size: 20px; font-weight: 600; }
.card .k { font-size: 12px; color: #6b7280; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.charts svg { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; max-width: 100%; height: auto; }
table { border-collapse: collapse; background: #fff; font-size: 13px; }
th, td { border: 1px solid #e5e7eb; padding: 4px 8px; text-align: right; }
th { background: #f1f5f9; }
td:first-child, th:first-child { text-align: left; }
.high { color: #b91c1c; font-weight: 600; }
.low { color: #047857; }
ul { margin: 6px 0; }
footer { color: #9ca3af; font-size: 12px; margin-top: 32px; }
`;

export function renderReport(record: RunRecord, diagnosis: Diagnosis): string {
  const { results, history, recipe } = record;
  const epochs = history.map((h) => h.epoch);
  const marker = { x: results.bestEpoch, label: `best (epoch ${results.bestEpoch})` };
  const lossChart = lineChart({
    title: 'Loss per epoch',
    xLabel: 'Epoch',
    yLabel: 'cross-entropy loss',
    x: epochs,
    series: [
      { name: 'training', values: history.map((h) => h.loss), color: COLORS.train },
      {
        name: 'validation',
        values: history.map((h) => h.valLoss),
        color: COLORS.validation,
        dashed: true,
      },
    ],
    format: (y) => y.toFixed(3),
    marker,
  });
  const accuracyChart = lineChart({
    title: 'Accuracy per epoch',
    xLabel: 'Epoch',
    yLabel: 'accuracy',
    x: epochs,
    series: [
      { name: 'training', values: history.map((h) => h.accuracy), color: COLORS.train },
      {
        name: 'validation',
        values: history.map((h) => h.valAccuracy),
        color: COLORS.validation,
        dashed: true,
      },
    ],
    format: (y) => pct(y, 2),
    percentTicks: true,
    legend: 'bottom',
    marker,
  });
  const lrChart = lineChart({
    title: 'Learning rate at the end of each epoch',
    xLabel: 'Epoch',
    yLabel: 'learning rate',
    x: epochs,
    series: [{ name: 'learning rate', values: history.map((h) => h.lr), color: COLORS.lr }],
    format: (y) => (y === 0 ? '0' : y.toExponential(1)),
    width: 640,
    height: 240,
  });
  const digits = record.confusionMatrix.map((_, i) => String(i));
  const confusionChart = heatmap({
    title: `Confusion matrix on the ${record.examples.test} test images`,
    matrix: record.confusionMatrix,
    labels: digits,
    rowTitle: 'true digit',
    columnTitle: 'predicted digit',
  });
  const classes = perClass(record.confusionMatrix);
  const cards: [string, string][] = [
    ['test error', pct(results.testError)],
    ['test accuracy', pct(results.testAccuracy)],
    ['validation error', pct(results.validationError)],
    ['training error', pct(results.trainError)],
    ['epochs', `${results.bestEpoch} of ${results.epochs}`],
    ['wall time', seconds(results.seconds)],
    [
      'backend',
      record.threads > 1 ? `${record.backend} × ${record.threads} threads` : record.backend,
    ],
  ];
  const findings = diagnosis.findings.map((f) => [
    f.kind,
    `${(f.value * 100).toFixed(2)} points`,
    f.level,
    f.description,
  ]);
  const recipeRows = Object.entries(recipe).map(([k, v]) => [
    k,
    Array.isArray(v) ? v.join(',') : String(v),
  ]);
  const epochRows = history.map((h) => [
    String(h.epoch),
    h.loss.toFixed(4),
    pct(h.accuracy),
    h.valLoss.toFixed(4),
    pct(h.valAccuracy),
    h.lr.toExponential(2),
    h.seconds.toFixed(1),
  ]);
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>Tensile · MNIST · test error ${escapeXml(pct(results.testError))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>MNIST training report: test error ${escapeXml(pct(results.testError))}</h1>`,
    `<div class="sub">${escapeXml(record.createdAt)} · tensile ${escapeXml(record.tensileVersion)} · <code>${escapeXml(record.command)}</code></div>`,
    '<div class="cards">',
    ...cards.map(
      ([k, v]) =>
        `<div class="card"><div class="v">${escapeXml(v)}</div><div class="k">${escapeXml(k)}</div></div>`,
    ),
    '</div>',
    '<h2>Bias and variance</h2>',
    `<p>${escapeXml(diagnosis.summary)}</p>`,
    table(['gap', 'value', 'level', 'meaning'], findings, 'diagnosis'),
    diagnosis.recommendations.length === 0
      ? ''
      : `<p>What to try, most pressing first:</p><ul>${diagnosis.recommendations.map((r) => `<li>${escapeXml(r)}</li>`).join('')}</ul>`,
    `<p class="sub">Human-level error on MNIST (${escapeXml(pct(record.diagnosis.humanError, 1))}) stands in for the Bayes error; training and validation errors are measured in inference mode with the weights of epoch ${results.bestEpoch}.</p>`,
    '<h2>Learning curves</h2>',
    `<div class="charts">\n${lossChart}\n${accuracyChart}\n${lrChart}\n</div>`,
    '<h2>Confusion matrix</h2>',
    `<div class="charts">\n${confusionChart}\n</div>`,
    `<p>Most frequent confusions: ${escapeXml(topConfusions(record.confusionMatrix, 5).join('; ') || 'none')}.</p>`,
    table(
      ['digit', 'precision', 'recall', 'test images'],
      classes.map((c, k) => [String(k), pct(c.precision), pct(c.recall), String(c.support)]),
      'per-class',
    ),
    '<h2>Recipe</h2>',
    `<p>${escapeXml(`${record.examples.train} training, ${record.examples.validation} validation and ${record.examples.test} test images; ${record.parameters.toLocaleString('en-US')} parameters.`)}</p>`,
    table(['setting', 'value'], recipeRows, 'recipe'),
    '<h2>Epochs</h2>',
    table(
      ['epoch', 'loss', 'accuracy', 'val loss', 'val accuracy', 'lr', 'seconds'],
      epochRows,
      'epochs',
    ),
    `<footer>Generated by tensile ${escapeXml(record.tensileVersion)}. Model: model.json + weights.safetensors + run.json.</footer>`,
    '</main>',
    '</body>',
    '</html>',
  ];
  return `${html.filter((line) => line !== '').join('\n')}\n`;
}
