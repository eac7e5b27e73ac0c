// Results as JSON and as a markdown table with each contender's speed relative to the peers.
import type { Measurement } from './case.js';

export function markdown(results: Measurement[]): string {
  const peers = ['tfjs-cpu', 'tfjs-wasm'];
  const lines = [
    `| case | contender | mean | ± | GFLOP/s | ${peers.map((p) => `speed vs ${p}`).join(' | ')} |`,
    `| --- | --- | ---: | ---: | ---: | ${peers.map(() => '---:').join(' | ')} |`,
  ];
  for (const caseName of [...new Set(results.map((r) => r.case))]) {
    const rows = results.filter((r) => r.case === caseName);
    for (const r of rows) {
      const ratio = peers
        .map((name) => rows.find((p) => p.contender === name))
        .map((peer) => (peer ? `${(peer.meanMs / r.meanMs).toFixed(2)}×` : ''))
        .join(' | ');
      const gflops = r.gflops === undefined ? '' : r.gflops.toFixed(2);
      lines.push(
        `| ${caseName} | ${r.contender} | ${formatMs(r.meanMs)} | ${r.rmePercent.toFixed(1)}% | ${gflops} | ${ratio} |`,
      );
    }
  }
  return lines.join('\n');
}

function formatMs(ms: number): string {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;
}
