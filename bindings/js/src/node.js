// The package's entry for Node.js. It reads gridtypes.wasm with fs and gives the bytes to
// the glue (which would otherwise fetch() a file path, and Node's fetch refuses those), and
// gives libsodium the platform's secure random source.
import { readFile } from 'node:fs/promises';
import createGridtypesCore from './core.js';
import { bind, randomWord, GridtypesError } from './api.js';

export { GridtypesError };

let loading = null;

/**
 * Loads the library (once; later calls return the same instance).
 * @returns {Promise<import('./index.js').Gridtypes>}
 */
export function load() {
  loading ??= (async () => {
    const wasmBinary = await readFile(new URL('./gridtypes.wasm', import.meta.url));
    const crypto = globalThis.crypto ?? (await import('node:crypto')).webcrypto;
    const core = await createGridtypesCore({ wasmBinary, getRandomValue: randomWord(crypto) });
    return bind(core);
  })().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}
