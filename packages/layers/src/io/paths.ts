// Where a model lives: a plain file-system path or a file:// URL ('file://./my-model' is the
// relative path ./my-model, as TensorFlow.js writes it). Other schemes are rejected.
import { fileURLToPath } from 'node:url';
import * as tl from '@tensile/core';

export function localPath(op: string, path: string): string {
  if (typeof path !== 'string' || path === '')
    throw tl.invalidArgument(op, 'path', 'a non-empty string', path);
  if (path.startsWith('file://')) {
    const rest = path.slice('file://'.length);
    // file:///abs/path is a proper URL; file://./rel and file://rel are TF.js-style relative paths.
    return rest.startsWith('/') ? fileURLToPath(path) : rest;
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(path);
  if (scheme) {
    throw new tl.ValueError(
      op,
      `unsupported location scheme '${scheme[1]}://' in '${path}': only file:// URLs and plain paths are supported on Node`,
    );
  }
  return path;
}
