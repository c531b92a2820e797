// The package's entry for browsers and bundlers: the modules are fetched from next to this
// file (bundlers see `new URL(..., import.meta.url)` and ship the .wasm files with the
// code), and libsodium gets the platform's secure random source. The module of keys
// (gridtypes-keys.wasm) is fetched on the first sign() or key().
import createGridtypesCore from './core.js';
import { bind, randomWord, GridtypesError } from './api.js';

export { GridtypesError };

let loading = null;

async function fetchModule(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    throw new GridtypesError(`gridtypes: cannot fetch ${url}: HTTP ${response.status}`, { code: 'io', status: -14 });
  }
  return response.arrayBuffer();
}

/**
 * Loads the library (once; later calls return the same instance).
 * @returns {Promise<import('./index.js').Gridtypes>}
 */
export function load() {
  loading ??= (async () => {
    const getRandomValue = randomWord(globalThis.crypto);
    const core = await createGridtypesCore({
      wasmBinary: await fetchModule(new URL('./gridtypes.wasm', import.meta.url)),
      getRandomValue,
    });
    return bind(core, async () => (await import('./keys.js')).default({
      wasmBinary: await fetchModule(new URL('./gridtypes-keys.wasm', import.meta.url)),
      getRandomValue,
    }));
  })().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}
