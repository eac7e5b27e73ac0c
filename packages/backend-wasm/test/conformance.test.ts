// The backend conformance suite of @tensile/core on the wasm backend; the cpu backend is the
// float64 reference of its gradient checks.
import '@tensile/backend-cpu';
import '../src/index.js';
import { describe, expect, it } from 'vitest';
import { runBackendConformance } from '@tensile/core/testing';

runBackendConformance('wasm', { describe, it, expect });
