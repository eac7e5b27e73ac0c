// Inline SVG charts for the HTML report, written by hand so the report has no script, font or
// stylesheet to fetch: a line chart (per-epoch curves with "nice" axis ticks, a legend and an
// optional marker at the best epoch) and a heatmap (the confusion matrix). Every element is
// closed, so the output is also well-formed XML.

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';

/** Round numbers covering [min, max]: steps of 1, 2 or 5 × 10^k (Heckbert's nice numbers). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 0.5; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < max)
    ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

export interface Series {
  name: string;
  /** One value per x; NaN leaves a gap. */
  values: readonly number[];
  color: string;
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  x: readonly number[];
  series: readonly Series[];
  /** Tooltip text of a y value. */
  format?: (y: number) => string;
  /** Axis ticks as percentages (0.98 → 98%) instead of plain numbers. */
  percentTicks?: boolean;
  /** Where the legend goes: over the top right (falling curves) or the bottom right (rising ones). */
  legend?: 'top' | 'bottom';
  /** A vertical line at this x (the best epoch), with a label. */
  marker?: { x: number; label: string };
  width?: number;
  height?: number;
}

const MARGIN = { top: 36, right: 20, bottom: 46, left: 64 };

export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 320;
  const format = options.format ?? ((y: number) => String(Number(y.toPrecision(4))));
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const finite = options.series.flatMap((s) => s.values.filter((v) => Number.isFinite(v)));
  const yTicks = niceTicks(Math.min(...finite), Math.max(...finite));
  const [yMin, yMax] = [yTicks[0], yTicks[yTicks.length - 1]];
  const tickText = tickFormatter(yTicks, options.percentTicks === true);
  const xs = options.x;
  const xMin = xs.length > 0 ? xs[0] : 0;
  const xMax = xs.length > 1 ? xs[xs.length - 1] : xMin + 1;
  const px = (x: number): number => MARGIN.left + ((x - xMin) / (xMax - xMin || 1)) * plotW;
  const py = (y: number): number => MARGIN.top + (1 - (y - yMin) / (yMax - yMin || 1)) * plotH;
  const r = (v: number): string => v.toFixed(1);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}" class="chart">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="20" ${FONT} font-size="14" font-weight="600" fill="#222">${escapeXml(options.title)}</text>`,
  );
  for (const t of yTicks) {
    const y = r(py(t));
    parts.push(
      `<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + plotW}" y2="${y}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 6}" y="${y}" ${FONT} font-size="11" fill="#555" text-anchor="end" dominant-baseline="middle">${escapeXml(tickText(t))}</text>`,
    );
  }
  const xTicks = xTickValues(xs);
  for (const t of xTicks) {
    const x = r(px(t));
    parts.push(
      `<line x1="${x}" y1="${MARGIN.top + plotH}" x2="${x}" y2="${MARGIN.top + plotH + 4}" stroke="#888"/>`,
      `<text x="${x}" y="${MARGIN.top + plotH + 16}" ${FONT} font-size="11" fill="#555" text-anchor="middle">${t}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#888"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="#888"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 8}" ${FONT} font-size="12" fill="#333" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text x="14" y="${MARGIN.top + plotH / 2}" ${FONT} font-size="12" fill="#333" text-anchor="middle" transform="rotate(-90 14 ${MARGIN.top + plotH / 2})">${escapeXml(options.yLabel)}</text>`,
  );
  if (options.marker !== undefined) {
    const x = r(px(options.marker.x));
    parts.push(
      `<line x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${MARGIN.top + plotH}" stroke="#999" stroke-dasharray="3 3"/>`,
      `<text x="${x}" y="${MARGIN.top - 4}" ${FONT} font-size="10" fill="#666" text-anchor="middle">${escapeXml(options.marker.label)}</text>`,
    );
  }
  for (const s of options.series) {
    const points = xs
      .map((x, i) => [x, s.values[i]] as const)
      .filter(([, y]) => Number.isFinite(y));
    const path = points
      .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${r(px(x))},${r(py(y))}`)
      .join(' ');
    if (path !== '') {
      parts.push(
        `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    }
    for (const [x, y] of points) {
      parts.push(
        `<circle cx="${r(px(x))}" cy="${r(py(y))}" r="2.5" fill="${s.color}"><title>${escapeXml(`${s.name}, ${options.xLabel.toLowerCase()} ${x}: ${format(y)}`)}</title></circle>`,
      );
    }
  }
  options.series.forEach((s, i) => {
    const x = MARGIN.left + plotW - 150;
    const y =
      options.legend === 'bottom'
        ? MARGIN.top + plotH - 10 - (options.series.length - 1 - i) * 16
        : MARGIN.top + 10 + i * 16;
    parts.push(
      `<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<text x="${x + 28}" y="${y}" ${FONT} font-size="11" fill="#333" dominant-baseline="middle">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Tick labels with as many decimals as the tick step needs (0.02 → "0.02", 2.5e-4 → "2.5e-4"). */
function tickFormatter(ticks: readonly number[], percent: boolean): (t: number) => string {
  const scale = percent ? 100 : 1;
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) * scale : 1;
  const largest = Math.max(...ticks.map((t) => Math.abs(t * scale)));
  if (!percent && largest > 0 && largest < 1e-2) return (t) => (t === 0 ? '0' : t.toExponential(1));
  let decimals = 0;
  while (decimals < 6 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6)
    decimals++;
  return (t) => `${(t * scale).toFixed(decimals)}${percent ? '%' : ''}`;
}

/** At most ~10 integer x ticks. */
function xTickValues(xs: readonly number[]): number[] {
  if (xs.length === 0) return [];
  const step = Math.max(1, Math.ceil(xs.length / 10));
  const ticks = xs.filter((_, i) => i % step === 0);
  const last = xs[xs.length - 1];
  if (ticks[ticks.length - 1] !== last) {
    // The last x always gets a tick; a grid tick too close to it gives way.
    if (ticks.length > 1 && last - ticks[ticks.length - 1] < step / 2 + 0.5) ticks.pop();
    ticks.push(last);
  }
  return ticks;
}

export interface HeatmapOptions {
  title: string;
  /** rows × columns counts. */
  matrix: readonly (readonly number[])[];
  labels: readonly string[];
  rowTitle: string;
  columnTitle: string;
}

/**
 * A confusion matrix: diagonal cells (correct) shaded blue by their share of the row, off-diagonal
 * cells (errors) shaded red against the largest error count, so the few confusions stand out.
 */
export function heatmap(options: HeatmapOptions): string {
  const { matrix, labels } = options;
  const n = labels.length;
  const cell = 40;
  const left = 70;
  const top = 64;
  const width = left + n * cell + 20;
  const height = top + n * cell + 20;
  const rowSums = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  let maxError = 0;
  matrix.forEach((row, i) =>
    row.forEach((v, j) => (i !== j ? (maxError = Math.max(maxError, v)) : 0)),
  );
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}" class="heatmap">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="20" ${FONT} font-size="14" font-weight="600" fill="#222">${escapeXml(options.title)}</text>`,
    `<text x="${left + (n * cell) / 2}" y="40" ${FONT} font-size="12" fill="#333" text-anchor="middle">${escapeXml(options.columnTitle)}</text>`,
    `<text x="16" y="${top + (n * cell) / 2}" ${FONT} font-size="12" fill="#333" text-anchor="middle" transform="rotate(-90 16 ${top + (n * cell) / 2})">${escapeXml(options.rowTitle)}</text>`,
  ];
  labels.forEach((label, j) => {
    parts.push(
      `<text x="${left + j * cell + cell / 2}" y="${top - 8}" ${FONT} font-size="11" fill="#555" text-anchor="middle">${escapeXml(label)}</text>`,
      `<text x="${left - 8}" y="${top + j * cell + cell / 2}" ${FONT} font-size="11" fill="#555" text-anchor="end" dominant-baseline="middle">${escapeXml(label)}</text>`,
    );
  });
  matrix.forEach((row, i) =>
    row.forEach((v, j) => {
      const share = rowSums[i] > 0 ? v / rowSums[i] : 0;
      const strength = i === j ? share : maxError > 0 ? v / maxError : 0;
      const fill =
        i === j
          ? blend([239, 246, 255], [37, 99, 235], strength)
          : blend([255, 255, 255], [220, 38, 38], strength);
      const dark = strength > 0.55;
      const x = left + j * cell;
      const y = top + i * cell;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ffffff"><title>${escapeXml(`true ${labels[i]}, predicted ${labels[j]}: ${v} (${(share * 100).toFixed(1)}% of true ${labels[i]})`)}</title></rect>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2}" ${FONT} font-size="11" fill="${dark ? '#ffffff' : '#222222'}" text-anchor="middle" dominant-baseline="middle">${v}</text>`,
      );
    }),
  );
  parts.push('</svg>');
  return parts.join('\n');
}

function blend(from: readonly number[], to: readonly number[], t: number): string {
  const k = Math.max(0, Math.min(1, t));
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * k));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}
