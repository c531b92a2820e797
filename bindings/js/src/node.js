// The package's entry for Node.js. It reads the modules with fs and gives their bytes to the
// glue (which would otherwise fetch() a file path, and Node's fetch refuses those), and
// gives libsodium the platform's secure random source. The module of keys
// (gridtypes-keys.wasm) is read on the first sign() or key().
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
    const crypto = globalThis.crypto ?? (await import('node:crypto')).webcrypto;
    const module = async (factory, file) => factory({
      wasmBinary: await readFile(new URL(file, import.meta.url)),
      getRandomValue: randomWord(crypto),
    });
    const core = await module(createGridtypesCore, './gridtypes.wasm');
    return bind(core, async () => module((await import('./keys.js')).default, './gridtypes-keys.wasm'));
  })().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}
