// The package's entry for browsers and bundlers: the module is fetched from next to this
// file (bundlers see `new URL(..., import.meta.url)` and ship gridtypes.wasm with the code),
// and libsodium gets the platform's secure random source.
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
    const url = new URL('./gridtypes.wasm', import.meta.url);
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) {
      throw new GridtypesError(`gridtypes: cannot fetch ${url}: HTTP ${response.status}`, { code: 'io', status: -14 });
    }
    const wasmBinary = await response.arrayBuffer();
    const core = await createGridtypesCore({ wasmBinary, getRandomValue: randomWord(globalThis.crypto) });
    return bind(core);
  })().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}
