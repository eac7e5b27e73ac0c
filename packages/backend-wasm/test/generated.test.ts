// src/generated/ is committed (tests run from a clean clone without a build); this checks it was
// regenerated after the last change to assembly/ or the build script (`pnpm build` does it).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SOURCE_HASH } from '../src/generated/wasm-bytes.js';

const root = new URL('../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** The same hash as scripts/build-wasm.mjs computes. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  const version = (
    JSON.parse(readFileSync(require.resolve('assemblyscript/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  hash.update(`asc ${version}\0`);
  hash.update(read('scripts/build-wasm.mjs'));
  for (const file of readdirSync(new URL('assembly/', root))
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    hash.update(`\0${file}\0`);
    hash.update(read(`assembly/${file}`));
  }
  return hash.digest('hex');
}

describe('generated module', () => {
  it('matches the assembly sources (run `pnpm --filter @tensile/backend-wasm build` if not)', () => {
    expect(SOURCE_HASH).toBe(sourceHash());
  });

  it('has the op codes of assembly/opcodes.ts', () => {
    expect(read('src/generated/opcodes.ts')).toContain(read('assembly/opcodes.ts'));
  });
});
