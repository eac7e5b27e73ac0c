import { describe, expect, it } from 'vitest';
import { runBackendConformance } from '@tensile/core/testing';
import '../src/index.js';

runBackendConformance('cpu', { describe, it, expect });
