// The four dtypes and the typed array that stores each.
import { DtypeError } from '../errors.js';

export type DType = 'float32' | 'int32' | 'bool' | 'float64';
export type FloatDType = 'float32' | 'float64';

export interface DTypeArrays {
  float32: Float32Array;
  int32: Int32Array;
  bool: Uint8Array;
  float64: Float64Array;
}
export type TypedArray = DTypeArrays[DType];
export type FloatArray = Float32Array | Float64Array;

export const DTYPES: readonly DType[] = ['float32', 'int32', 'bool', 'float64'];

export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}

export function isFloatDType(dtype: DType): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}

export function bytesPerElement(dtype: DType): number {
  return dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4;
}

export function makeTypedArray<D extends DType>(dtype: D, size: number): DTypeArrays[D] {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size) as DTypeArrays[D];
    case 'int32':
      return new Int32Array(size) as DTypeArrays[D];
    case 'bool':
      return new Uint8Array(size) as DTypeArrays[D];
    case 'float64':
      return new Float64Array(size) as DTypeArrays[D];
    default:
      throw new DtypeError('makeTypedArray', `unknown dtype '${String(dtype)}'`);
  }
}

/** The dtype a typed array stores, or undefined for other array types. */
export function dtypeOfArray(values: unknown): DType | undefined {
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof Int32Array) return 'int32';
  if (values instanceof Uint8Array) return 'bool';
  if (values instanceof Float64Array) return 'float64';
  return undefined;
}

/** Checks that `dtype` is one of `allowed`, naming the op and the argument otherwise. */
export function assertDType(
  op: string,
  arg: string,
  dtype: DType,
  allowed: readonly DType[],
): void {
  if (!allowed.includes(dtype)) {
    throw new DtypeError(op, `${arg} must be ${allowed.join(' or ')}, got ${dtype}`);
  }
}

export const FLOAT_DTYPES: readonly DType[] = ['float32', 'float64'];
export const NUMERIC_DTYPES: readonly DType[] = ['float32', 'float64', 'int32'];
