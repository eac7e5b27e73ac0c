// Copies the golden reference files that @tensile/core/testing ships into packages/core/golden/,
// so that the conformance suite finds them both in this repository and in the published tarball.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'fixtures', 'golden');
const to = join(root, 'packages', 'core', 'golden');
if (existsSync(from) && existsSync(join(root, 'packages', 'core'))) {
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from)) cpSync(join(from, file), join(to, file));
}
