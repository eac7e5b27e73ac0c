// `node dist/run.js [--time ms] [--filter text] [--out results/latest]`: runs every case with
// tinybench, contender by contender, and writes <out>.json and <out>.md.
import '@tensile/backend-cpu';
import '@tensile/backend-wasm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import * as tl from '@tensile/core';
import { Bench } from 'tinybench';
import type { Measurement } from './case.js';
import { markdown } from './report.js';
import { suites } from './suites/index.js';

const { values } = parseArgs({
  options: {
    time: { type: 'string', default: '1000' },
    filter: { type: 'string', default: '' },
    out: { type: 'string', default: 'results/latest' },
  },
});

async function main(): Promise<void> {
  await tl.ready();
  const results: Measurement[] = [];
  for (const c of suites().filter((s) => s.name.includes(values.filter))) {
    for (const contender of c.contenders) {
      const { run, dispose } = await contender.prepare();
      const bench = new Bench({
        time: Number(values.time),
        iterations: 10,
        warmupTime: 200,
        warmupIterations: 2,
      });
      bench.add(contender.name, run);
      await bench.run();
      dispose();
      const result = bench.tasks[0].result;
      if (result.state !== 'completed')
        throw new Error(`${c.name} / ${contender.name}: ${result.state}`);
      const meanMs = result.latency.mean;
      results.push({
        group: c.group,
        case: c.name,
        contender: contender.name,
        meanMs,
        rmePercent: result.latency.rme,
        samples: result.latency.samples?.length ?? 0,
        gflops: c.flops === undefined ? undefined : c.flops / (meanMs * 1e6),
      });
      console.log(`${c.name.padEnd(44)} ${contender.name.padEnd(14)} ${meanMs.toFixed(3)} ms`);
    }
  }
  const table = markdown(results);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(
    `${values.out}.json`,
    JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2),
  );
  writeFileSync(`${values.out}.md`, `${table}\n`);
  console.log(`\n${table}`);
}

await main();
