// The JavaScript face of gridtypes: every answer comes from the C library through its flat
// FFI (include/gridtypes/ffi.h) compiled to WebAssembly. This file only moves bytes in and
// out of the module's memory and turns statuses into GridtypesError; it has no rule of its
// own. Every entry (node.js, browser.js, inline.js) shares it; it imports nothing, so that
// tools/make-inline.mjs can put it in a single file as it is.

/** The ABI this file was written for (GT_FFI_ABI_VERSION). */
const ABI_VERSION = 1;
// gt_ffi_error: int32 code at 0, int64 offset at 8, path[256] at 16, message[512] at 272.
const ERROR_BYTES = 784;
const ERROR_OFFSET = 8;
const ERROR_PATH = 16;
const ERROR_MESSAGE = 272;
const KEY_TYPES = { ed25519: 0, sr25519: 1 };
// A scratch input buffer larger than this is released after the call that needed it.
const KEEP_INPUT_BYTES = 1 << 20;
// parse()'s default limit on the input, the gridtypes command's (a deployment is a few KB).
const DEFAULT_MAX_INPUT = 16 << 20;

/** An error of the library: what went wrong, and where in the input. */
export class GridtypesError extends Error {
  /**
   * @param {string} message
   * @param {{code?: string, status?: number, path?: string, offset?: number|null}} [where]
   */
  constructor(message, where = {}) {
    super(message);
    this.name = 'GridtypesError';
    /** The kind, as the library names it: "syntax", "type", "value", "data", "invalid", ... */
    this.code = where.code ?? 'unknown';
    /** The library's negative status code (GT_E* in gridtypes/error.h). */
    this.status = where.status ?? 0;
    /** JSON path of the field at fault ("workloads[2].data.network.interfaces[0].ip"), or "". */
    this.path = where.path ?? '';
    /** 0-based byte offset in the UTF-8 input where the fault is, or null. */
    this.offset = where.offset ?? null;
  }
}

/**
 * The random source libsodium asks for in a WebAssembly build (it calls
 * Module.getRandomValue() for every random byte): a word from the platform's
 * crypto.getRandomValues, looked up at each call.
 * @param {{getRandomValues: (a: Uint32Array) => Uint32Array}} source
 */
export function randomWord(source) {
  if (!source || typeof source.getRandomValues !== 'function') {
    throw new GridtypesError('gridtypes: no secure random source (crypto.getRandomValues)', { code: 'argument', status: -1 });
  }
  const word = new Uint32Array(1);
  return () => {
    source.getRandomValues(word);
    return word[0];
  };
}

const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');

const encoder = new TextEncoder();
const decoder = new TextDecoder(); // not fatal: bytes that are not UTF-8 become U+FFFD

/**
 * What both modules need: their memory seen from JavaScript, allocation in their heap, a
 * scratch area for outputs, and errors read into GridtypesError.
 * @param {any} core an instantiated emscripten module exporting the gt_ffi_* functions
 */
function moduleTools(core) {
  const abi = core._gt_ffi_abi_version();
  if (abi !== ABI_VERSION || core._gt_ffi_error_size() !== ERROR_BYTES) {
    throw new GridtypesError(
      `gridtypes: the WebAssembly module speaks FFI ABI ${abi}, this package ABI ${ABI_VERSION}`,
      { code: 'argument' });
  }
  let heap = core.HEAPU8;
  // The current view of the module's memory: growing it detaches the old buffer.
  const u8 = () => (heap.byteLength === 0 ? (heap = core.HEAPU8) : heap);
  const alloc = (n) => {
    const p = core._gt_ffi_alloc(n) >>> 0;
    if (p === 0) throw new GridtypesError('out of memory', { code: 'memory', status: -2 });
    return p;
  };
  const u32 = (p) => {
    const m = u8();
    return (m[p] | (m[p + 1] << 8) | (m[p + 2] << 16) | (m[p + 3] << 24)) >>> 0;
  };
  const cstring = (p, max) => {
    const m = u8();
    let end = p;
    while (end < p + max && m[end] !== 0) end++;
    return decoder.decode(m.subarray(p, end));
  };
  // Scratch blocks in the module's heap, reused by every call: a call runs to its end before
  // JavaScript does anything else, so one of each is enough.
  const err = alloc(ERROR_BYTES);
  const slots = alloc(256);
  /** The error the last call left in `err`, as a GridtypesError. */
  const failure = (status) => {
    const lo = u32(err + ERROR_OFFSET);
    const hi = u32(err + ERROR_OFFSET + 4) | 0;
    const offset = hi < 0 ? null : hi * 2 ** 32 + lo;
    return new GridtypesError(cstring(err + ERROR_MESSAGE, 512) || 'failed', {
      code: cstring(core._gt_ffi_status_name(status) >>> 0, 32),
      status,
      path: cstring(err + ERROR_PATH, 256),
      offset,
    });
  };
  /** A copy of bytes or a string (UTF-8) in its own block, NUL-terminated: [ptr, len]. */
  const own = (data, what) => {
    const fromString = typeof data === 'string';
    const bytes = fromString ? encoder.encode(data) : asBytes(data, what);
    const p = alloc(bytes.length + 1);
    const m = u8();
    m.set(bytes, p);
    m[p + bytes.length] = 0;
    if (fromString) bytes.fill(0); // our own copy (of a secret, perhaps) does not linger
    return [p, bytes.length];
  };
  return {
    u8,
    alloc,
    u32,
    cstring,
    err,
    slots,
    failure,
    check: (status) => {
      if (status !== 0) throw failure(status);
    },
    own,
    /** Wipes and releases a block made by own(). */
    wipe: (p, n) => {
      u8().fill(0, p, p + n + 1);
      core._gt_ffi_free(p);
    },
  };
}

/**
 * The module of keys (gridtypes-keys.wasm): key derivation and signing, the only place a
 * secret goes. Its copy of a secret is wiped after each call.
 */
function bindKeys(kc) {
  const { u8, cstring, check, own, wipe, slots, err } = moduleTools(kc);
  const SIG = slots; // uint8_t[64]
  const PUB = slots + 64; // uint8_t[32]
  const SS58 = slots + 96; // char[64]
  const typeOf = (keyType, what) => {
    const type = KEY_TYPES[keyType];
    if (type === undefined) throw new GridtypesError(`${what}: keyType is "ed25519" or "sr25519", not ${JSON.stringify(keyType)}`, { code: 'argument', status: -1 });
    return type;
  };
  return {
    typeOf,
    key(secret, keyType) {
      const type = typeOf(keyType, 'key');
      const [s, n] = own(secret, 'secret');
      try {
        check(kc._gt_ffi_key(s, n, type, PUB, SS58, err));
      } finally {
        wipe(s, n);
      }
      return { pub: u8().slice(PUB, PUB + 32), ss58: cstring(SS58, 64) };
    },
    /** The 64-byte signature of msg by the key of secret, and that key. */
    signMessage(secret, keyType, msg) {
      const type = typeOf(keyType, 'sign');
      const [s, n] = own(secret, 'secret');
      const [m, k] = own(msg, 'message');
      try {
        check(kc._gt_ffi_sign_message(s, n, type, m, k, SIG, PUB, err));
      } finally {
        wipe(s, n);
        wipe(m, k);
      }
      return { sig: u8().slice(SIG, SIG + 64), pub: u8().slice(PUB, PUB + 32) };
    },
  };
}

/**
 * Binds the API to an instantiated emscripten module (the factory in core.js, given the
 * module's bytes by the entry) and to a loader of the module of keys (keys.js), which is
 * called on the first sign() or key(). Not for direct use: call load() from the package.
 * @param {any} core
 * @param {() => Promise<any>} loadKeys
 */
export function bind(core, loadKeys) {
  const { u8, alloc, u32, cstring, err, slots, failure, check, own } = moduleTools(core);
  const OUT_PTR = slots; // a pointer output (size_t and pointers are 32-bit on wasm32)
  const OUT_LEN = slots + 4; // its length
  const OUT_U64 = slots + 8; // uint64_t[5]
  const OUT_TEXT = slots + 64; // char[96]: hashes, ids, signing messages
  let input = 0;
  let inputCap = 0;
  let keys = null;
  /** The module of keys, loaded once. */
  const keysModule = () => {
    keys ??= loadKeys().then(bindKeys).catch((e) => {
      keys = null;
      throw e;
    });
    return keys;
  };

  const u64 = (p) => BigInt(u32(p)) | (BigInt(u32(p + 4)) << 32n);
  const ascii = (p, n) => String.fromCharCode.apply(null, u8().subarray(p, p + n));

  /** Copies bytes or a string (as UTF-8) into the scratch input; returns its length. */
  const ensureInput = (n) => {
    if (n <= inputCap) return;
    if (input) core._gt_ffi_free(input);
    input = 0;
    inputCap = 0;
    input = alloc(Math.max(n, 4096));
    inputCap = Math.max(n, 4096);
  };
  const putInput = (data, what = 'input') => {
    if (typeof data === 'string') {
      // Most deployments are ASCII: try the string's length first, then the UTF-8 bound.
      ensureInput(data.length + 1);
      let r = encoder.encodeInto(data, u8().subarray(input, input + inputCap));
      if (r.read < data.length) {
        ensureInput(data.length * 3 + 1);
        r = encoder.encodeInto(data, u8().subarray(input, input + inputCap));
      }
      return r.written;
    }
    const bytes = asBytes(data, what);
    ensureInput(bytes.length + 1);
    u8().set(bytes, input);
    return bytes.length;
  };
  const releaseBigInput = () => {
    if (inputCap > KEEP_INPUT_BYTES) {
      core._gt_ffi_free(input);
      input = 0;
      inputCap = 0;
    }
  };

  /** Takes a buffer the library handed over in OUT_PTR/OUT_LEN: its bytes, then frees it. */
  const takeBytes = () => {
    const p = u32(OUT_PTR);
    const n = u32(OUT_LEN);
    const copy = u8().slice(p, p + n);
    core._gt_ffi_free(p);
    return copy;
  };
  const takeText = () => decoder.decode(takeBytes());

  let handleOf; // (Deployment) => its handle, for upgrade(); set by the class below
  // Objects dropped without free() give their memory back when they are collected.
  const collector = (release) => (typeof FinalizationRegistry === 'function' ? new FinalizationRegistry(release) : null);
  const registry = collector((ptr) => core._gt_ffi_deployment_free(ptr));
  const locators = collector((ptr) => core._gt_ffi_locator_free(ptr));

  const capacityAt = (p) => ({
    cru: u64(p), sru: u64(p + 8), hru: u64(p + 16), mru: u64(p + 24), ipv4u: u64(p + 32),
  });

  /** A deployment decoded by the library, owning its memory there until free(). */
  class Deployment {
    #ptr;

    static {
      handleOf = (d) => d.#handle();
    }

    /** @param {number} ptr */
    constructor(ptr) {
      this.#ptr = ptr;
      registry?.register(this, ptr, this);
    }

    /** The handle, or a GridtypesError once freed. */
    #handle() {
      if (this.#ptr === 0) throw new GridtypesError('deployment used after free()', { code: 'argument', status: -1 });
      return this.#ptr;
    }

    #fields() {
      check(core._gt_ffi_deployment_fields(this.#handle(), OUT_U64, err));
      return OUT_U64;
    }

    /** Deployment.version. */
    get version() { return Number(u64(this.#fields())); }
    /** The owner's twin id. */
    get twinId() { return Number(u64(this.#fields() + 8)); }
    /** The contract id (uint64). */
    get contractId() { return u64(this.#fields() + 16); }
    /** metadata's expiration (int64). */
    get expiration() { return BigInt.asIntN(64, u64(this.#fields() + 24)); }
    /** signature_requirement.weight_required. */
    get weightRequired() { return Number(u64(this.#fields() + 32)); }

    /** The workloads, in order: name, type, version and raw JSON data as decoded. */
    get workloads() {
      const d = this.#handle();
      const n = core._gt_ffi_workload_count(d);
      const list = [];
      const field = (fn, i) => {
        check(fn(d, i, OUT_PTR, OUT_LEN, err));
        const p = u32(OUT_PTR);
        return decoder.decode(u8().subarray(p, p + u32(OUT_LEN)));
      };
      for (let i = 0; i < n; i++) {
        list.push({
          index: i,
          name: field(core._gt_ffi_workload_name, i),
          type: field(core._gt_ffi_workload_type, i),
          version: core._gt_ffi_workload_version(d, i),
          data: field(core._gt_ffi_workload_data, i),
        });
      }
      return list;
    }

    /** The challenge hash the contract must carry: 32 lower-case hex digits. */
    hash() {
      check(core._gt_ffi_hash_hex(this.#handle(), OUT_TEXT, err));
      return ascii(OUT_TEXT, 32);
    }

    /** The challenge hash as 16 bytes. */
    hashBytes() {
      check(core._gt_ffi_hash(this.#handle(), OUT_TEXT, err));
      return u8().slice(OUT_TEXT, OUT_TEXT + 16);
    }

    /** The challenge text, the bytes that are hashed (as a string: bad UTF-8 shows as U+FFFD). */
    challenge() {
      return decoder.decode(this.challengeBytes());
    }

    /** The challenge's exact bytes. */
    challengeBytes() {
      check(core._gt_ffi_challenge(this.#handle(), OUT_PTR, OUT_LEN, err));
      return takeBytes();
    }

    /**
     * The challenge fragment by fragment: the JSON path of the field each comes from, its
     * first byte in the challenge, its text and its exact bytes in hex. Joined, the texts
     * are the challenge.
     * @returns {{path: string, offset: number, text: string, hex: string}[]}
     */
    annotate() {
      check(core._gt_ffi_annotate(this.#handle(), OUT_PTR, OUT_LEN, err));
      return JSON.parse(takeText());
    }

    /**
     * Deployment.Valid: null when the node accepts it, else the first problem it reports.
     * @returns {null | {message: string, code: string, path: string, offset: number|null}}
     */
    valid() {
      const status = core._gt_ffi_valid(this.#handle(), err);
      if (status === 0) return null;
      const e = failure(status);
      if (status === -1 || status === -2) throw e; // GT_EARG, GT_ENOMEM: not the deployment's fault
      return { message: e.message, code: e.code, path: e.path, offset: e.offset };
    }

    /**
     * Workload.Capacity summed over the workloads (Go's wrapping uint64 sums), or of the
     * workload at `index`: cores, bytes of SSD, HDD and memory, public IPv4 addresses.
     * @param {number} [index]
     */
    capacity(index) {
      const d = this.#handle();
      if (index === undefined) check(core._gt_ffi_capacity_total(d, OUT_U64, err));
      else check(core._gt_ffi_capacity(d, index >>> 0, OUT_U64, err));
      return capacityAt(OUT_U64);
    }

    /** json.Marshal of the deployment: the JSON the reference would send. */
    encode() {
      return decoder.decode(this.encodeBytes());
    }

    /** The encoded deployment's exact bytes. */
    encodeBytes() {
      check(core._gt_ffi_encode(this.#handle(), OUT_PTR, OUT_LEN, err));
      return takeBytes();
    }

    /**
     * json.Marshal with each workload's data written from its decoded form: keys, IPs, hex
     * and zero values in the node's forms, the same hash.
     */
    encodeCanonical() {
      check(core._gt_ffi_encode_canonical(this.#handle(), OUT_PTR, OUT_LEN, err));
      return takeText();
    }

    /**
     * What the node accepts but other clients will hash differently, and what it refuses
     * outside Valid: findings with a code, the path, the byte offset, a message and a fix.
     * @returns {{findings: {code: string, path: string, offset: number|null, message: string, fix: string}[], more: number}}
     */
    lint() {
      check(core._gt_ffi_lint(this.#handle(), OUT_PTR, OUT_LEN, err));
      return JSON.parse(takeText());
    }

    /**
     * Deployment.Verify with the twins' public keys (what the chain would answer): an
     * object or Map from twin id to a key as hex, 0x hex, an SS58 address or raw bytes. A
     * twin left out is "key not found", as with the node's key getter.
     */
    verify(keys) {
      const d = this.#handle();
      const table = core._gt_ffi_keys_new() >>> 0;
      if (table === 0) throw new GridtypesError('out of memory', { code: 'memory', status: -2 });
      try {
        const entries = keys instanceof Map ? [...keys] : Object.entries(keys ?? {});
        for (const [twinText, key] of entries) {
          const twin = Number(twinText);
          if (!Number.isInteger(twin) || twin < 0 || twin > 0xffffffff) {
            throw new GridtypesError(`keys: twin "${twinText}" is not a uint32`, { code: 'argument', status: -1, path: `keys.${twinText}` });
          }
          const [p, n] = own(key, `keys.${twinText}`);
          const status = typeof key === 'string'
            ? core._gt_ffi_keys_add(table, twin, p, n, err)
            : core._gt_ffi_keys_add_raw(table, twin, p, n, err);
          core._gt_ffi_free(p);
          if (status !== 0) {
            const e = failure(status);
            e.path = `keys.${twinText}`;
            throw e;
          }
        }
        const status = core._gt_ffi_verify(d, table, OUT_PTR, OUT_LEN, err);
        if (u32(OUT_PTR) === 0) check(status || -2);
        const code = status === 0 ? 'ok' : failure(status).code;
        const r = JSON.parse(takeText());
        return {
          ok: r.ok,
          reason: r.reason,
          code,
          twin: r.twin,
          keyType: r.key_type,
          weightReached: BigInt(r.weight_reached),
          weightRequired: BigInt(r.weight_required),
          message: r.message,
        };
      } finally {
        core._gt_ffi_keys_free(table);
      }
    }

    /**
     * Signs for `twin` (default: the deployment's twin) with the key of a secret URI (a
     * BIP39 mnemonic, a 0x hex seed, "//Alice", with derivation paths). style sets
     * signature_style first ("polka-wallet", or "" / "none" for none); left out, it stays.
     * Asynchronous: the key is used in the module of keys (gridtypes-keys.wasm), loaded on
     * first use; this deployment's module never sees the secret, and the keys' module wipes
     * its copy. sr25519 signatures take their randomness from crypto.getRandomValues.
     * @param {{secret: string|Uint8Array, keyType: 'ed25519'|'sr25519', twin?: number, style?: string}} options
     * @returns {Promise<Deployment>} this deployment, signed
     */
    async sign({ secret, keyType, twin, style } = {}) {
      if (KEY_TYPES[keyType] === undefined) throw new GridtypesError(`sign: keyType is "ed25519" or "sr25519", not ${JSON.stringify(keyType)}`, { code: 'argument', status: -1 });
      if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) throw new GridtypesError('sign: a secret (string or bytes) is required', { code: 'argument', status: -1 });
      this.#handle();
      const k = await keysModule();
      // The steps below run without a pause, so the deployment cannot change between them.
      const d = this.#handle();
      const who = twin === undefined ? this.twinId : twin >>> 0;
      let st = 0;
      let sig = 0;
      try {
        if (style !== undefined) [st] = own(style === 'none' ? '' : style, 'style');
        check(core._gt_ffi_signing_message(d, st, OUT_TEXT, OUT_LEN, err));
        const message = u8().slice(OUT_TEXT, OUT_TEXT + u32(OUT_LEN));
        const signed = k.signMessage(secret, keyType, message);
        [sig] = own(signed.sig, 'signature');
        check(core._gt_ffi_add_signature(d, who, KEY_TYPES[keyType], st, sig, 64, err));
      } finally {
        if (st) core._gt_ffi_free(st);
        if (sig) core._gt_ffi_free(sig);
      }
      return this;
    }

    /** Whether free() was called. */
    get freed() { return this.#ptr === 0; }

    /** Releases the deployment's memory in the module. Calling it again does nothing. */
    free() {
      if (this.#ptr !== 0) {
        registry?.unregister(this);
        core._gt_ffi_deployment_free(this.#ptr);
        this.#ptr = 0;
      }
    }

    [dispose]() { this.free(); }
  }

  /** The input limit of parse() and hash(); refuses at once an input sure to exceed it. */
  const limitOf = (data, options) => {
    const given = options.maxInput ?? DEFAULT_MAX_INPUT;
    if (typeof given !== 'bigint' && !(Number.isSafeInteger(given) && given >= 0)) {
      throw new GridtypesError(`maxInput: a number of bytes, not ${String(given)}`, { code: 'argument', status: -1 });
    }
    const max = BigInt(given);
    // Such an input is refused before it is copied into the module (a string of n UTF-16
    // units has at least n bytes of UTF-8); the library checks the rest.
    const atLeast = typeof data === 'string' ? data.length : data?.byteLength;
    if (max > 0n && typeof atLeast === 'number' && BigInt(atLeast) > max) {
      throw new GridtypesError(
        `input of ${typeof data === 'string' ? 'at least ' : ''}${atLeast} bytes exceeds the limit of ${max} bytes`,
        { code: 'limit', status: -11, offset: Number(max) });
    }
    return max;
  };

  /** The memory budget of parse(): 0n (the library's default) unless options.maxMemory. */
  const budgetOf = (options) => {
    const given = options.maxMemory ?? 0;
    if (typeof given !== 'bigint' && !(Number.isSafeInteger(given) && given >= 0)) {
      throw new GridtypesError(`maxMemory: a number of bytes, not ${String(given)}`, { code: 'argument', status: -1 });
    }
    return BigInt(given);
  };

  const parse = (data, options = {}) => {
    const max = limitOf(data, options);
    const budget = budgetOf(options);
    const n = putInput(data);
    const status = budget === 0n
      ? core._gt_ffi_parse(input, n, max, OUT_PTR, err)
      : core._gt_ffi_parse_ex(input, n, max, budget, OUT_PTR, err);
    releaseBigInput();
    check(status);
    return new Deployment(u32(OUT_PTR));
  };

  const hashOf = (data, options = {}) => {
    const max = limitOf(data, options);
    const n = putInput(data);
    const status = core._gt_ffi_hash_json(input, n, max, OUT_TEXT, err);
    releaseBigInput();
    check(status);
    return ascii(OUT_TEXT, 32);
  };

  /** A Deployment given, or one parsed (and owned by the caller of this helper). */
  const borrow = (x) => (x instanceof Deployment ? [x, false] : [parse(x), true]);

  const keyOf = async (secret, keyType) => {
    const k = await keysModule();
    const { pub, ss58 } = k.key(secret, keyType);
    return { keyType, publicKey: hex(pub), publicKeyBytes: pub, ss58 };
  };

  /** Turns JSON paths and byte offsets of one document into line and column. */
  class Locator {
    #ptr;

    /** @param {string|Uint8Array} json the document (need not be valid JSON) */
    constructor(json) {
      const [p, n] = own(json, 'json');
      try {
        check(core._gt_ffi_locator_new(p, n, OUT_PTR, err));
      } finally {
        core._gt_ffi_free(p);
      }
      this.#ptr = u32(OUT_PTR);
      locators?.register(this, this.#ptr, this);
    }

    #handle() {
      if (this.#ptr === 0) throw new GridtypesError('locator used after free()', { code: 'argument', status: -1 });
      return this.#ptr;
    }

    /**
     * Where the value at a JSON path (as error paths write them: `workloads[2].data.size`)
     * starts. found: false when only a prefix of the path exists; the position is then that
     * prefix's value (matched: the length of the prefix), or null when the document has no
     * value at all.
     */
    path(path) {
      const [p, n] = own(path, 'path');
      let status;
      try {
        status = core._gt_ffi_locator_path(this.#handle(), p, n, OUT_U64, err);
      } finally {
        core._gt_ffi_free(p);
      }
      if (status !== 0 && status !== -8) throw failure(status);
      const line = Number(u64(OUT_U64 + 8));
      return {
        found: status === 0,
        offset: line === 0 ? null : Number(u64(OUT_U64)),
        line: line === 0 ? null : line,
        column: line === 0 ? null : Number(u64(OUT_U64 + 16)),
        matched: Number(u64(OUT_U64 + 24)),
      };
    }

    /** The line and column (both from 1; columns count bytes) of a byte offset. */
    position(offset) {
      check(core._gt_ffi_locator_position(this.#handle(), BigInt(offset), OUT_U64, err));
      return { offset: Number(u64(OUT_U64)), line: Number(u64(OUT_U64 + 8)), column: Number(u64(OUT_U64 + 16)) };
    }

    free() {
      if (this.#ptr !== 0) {
        locators?.unregister(this);
        core._gt_ffi_locator_free(this.#ptr);
        this.#ptr = 0;
      }
    }

    [dispose]() { this.free(); }
  }

  // Another client's challenge in hex: hex digits only (an optional 0x, spaces). A hash (32
  // digits) and a deployment's JSON are recognised by the library itself.
  const HEX = /^\s*(0x)?[0-9a-fA-F][0-9a-fA-F\s]*$/;
  const HASH_ONLY = /^\s*(0x)?[0-9a-fA-F]{32}\s*$/;
  const divergenceOf = (x) => ({ name: x.name, kind: x.kind, rule: x.rule, versions: x.versions, perField: x.per_field });

  /**
   * Another client's challenge (its text or hex), hash or deployment JSON, compared with the
   * node's for the same deployment.
   */
  const compare = (theirs, deployment, options = {}) => {
    const [d, ownD] = borrow(deployment);
    try {
      const text = typeof theirs === 'string' ? theirs : null;
      const format = options.format ?? (text !== null && HEX.test(text) && !HASH_ONLY.test(text) ? 'hex' : 'text');
      if (format !== 'hex' && format !== 'text') {
        throw new GridtypesError(`compare: format is "text" or "hex", not ${JSON.stringify(format)}`, { code: 'argument', status: -1 });
      }
      const flags = (format === 'hex' ? 1 : 0) | (options.all ? 2 : 0);
      const [p, n] = own(theirs, 'theirs');
      try {
        check(core._gt_ffi_compare(handleOf(d), p, n, flags, OUT_PTR, OUT_LEN, err));
      } finally {
        core._gt_ffi_free(p);
      }
      const r = JSON.parse(takeText());
      return {
        kind: r.theirs_kind,
        equal: r.equal,
        oursLength: r.ours_length,
        theirsLength: r.theirs_length,
        oursHash: r.ours_hash,
        theirsHash: r.theirs_hash,
        truncated: r.truncated,
        differences: r.differences.map((x) => ({
          oursOffset: x.ours_offset,
          theirsOffset: x.theirs_offset,
          oursLength: x.ours_length,
          theirsLength: x.theirs_length,
          oursText: x.ours_text,
          theirsText: x.theirs_text,
          oursHex: x.ours_hex,
          theirsHex: x.theirs_hex,
          path: x.path,
          fragmentOffset: x.fragment_offset,
          fragment: x.fragment,
          fragmentLength: x.fragment_length,
          causes: x.causes,
        })),
      };
    } finally {
      if (ownD) d.free();
    }
  };

  /** Which known client divergences give the hash another client computed. */
  const expect = (hash, deployment) => {
    const [d, ownD] = borrow(deployment);
    try {
      const [p, n] = own(hash, 'hash');
      try {
        check(core._gt_ffi_expect(handleOf(d), p, n, OUT_PTR, OUT_LEN, err));
      } finally {
        core._gt_ffi_free(p);
      }
      const r = JSON.parse(takeText());
      return {
        equal: r.equal,
        ours: r.ours,
        theirs: r.theirs,
        applicable: r.applicable,
        tried: r.tried,
        matches: r.matches.map((m) => ({ divergences: m.divergences.map(divergenceOf), field: m.field })),
      };
    } finally {
      if (ownD) d.free();
    }
  };

  const api = {
    GridtypesError,
    Deployment,
    Locator,
    /** The library's version. */
    version: cstring(core._gt_ffi_version() >>> 0, 64),
    /** The node's rules implemented: the zosbase commit. */
    referenceRules: cstring(core._gt_ffi_reference_rules() >>> 0, 128),

    /**
     * Decodes a deployment's JSON (a string, or its bytes) as the node does.
     * @param {string|Uint8Array|ArrayBuffer} json
     * @param {{maxInput?: number|bigint, maxMemory?: number|bigint}} [options] maxInput: largest
     *   input accepted in bytes (default 16 MiB, as the gridtypes command; at most 1 GiB);
     *   maxMemory: the most memory the parse may take (default 16 bytes per input byte, at
     *   least 1 MiB; 2n ** 64n - 1n: no budget)
     */
    parse,

    /**
     * The challenge hash of a deployment's JSON in one call (parse, hash, free): what
     * parse(json).hash() gives, with the same errors.
     * @param {string|Uint8Array|ArrayBuffer} json
     * @param {{maxInput?: number|bigint}} [options]
     */
    hash: hashOf,

    /**
     * Deployment.Upgrade(old -> new): the operations a node runs, and the changes it
     * silently ignores because a workload's version was not bumped. Either argument may be
     * a Deployment or JSON; like the reference, a Deployment given as `next` receives the
     * results of the workloads it keeps.
     */
    upgrade(current, next) {
      const [cur, ownCur] = borrow(current);
      let nxt = null;
      let ownNext = false;
      try {
        [nxt, ownNext] = borrow(next);
        const status = core._gt_ffi_upgrade(handleOf(cur), handleOf(nxt), OUT_PTR, OUT_LEN, err);
        check(status);
        const r = JSON.parse(takeText());
        return {
          ops: r.ops,
          warnings: r.warnings.map((w) => ({
            index: w.index,
            name: w.name,
            oldVersion: w.old_version,
            newVersion: w.new_version,
            deploymentVersion: w.deployment_version,
            dataChanged: w.data_changed,
            metadataChanged: w.metadata_changed,
            descriptionChanged: w.description_changed,
          })),
        };
      } finally {
        if (ownCur) cur.free();
        if (ownNext && nxt) nxt.free();
      }
    },

    /**
     * Another client's challenge (its text, or the text in hex), hash or deployment JSON,
     * compared with the node's for the same deployment (a Deployment or its JSON): whether
     * they are equal and, for a challenge, where it leaves ours (the first place, or all
     * with { all: true }), the field of ours there, and the likely causes. format: "text" or
     * "hex" (default: hex digits only, other than a 32-digit hash, are hex).
     */
    compare,

    /**
     * Given only the hash another client computed for a deployment (a Deployment or its
     * JSON), the smallest combinations of known client divergences that give it.
     */
    expect,

    /** The catalogue of known client divergences (docs/DIVERGENCES.md). */
    divergences() {
      check(core._gt_ffi_divergences(OUT_PTR, OUT_LEN, err));
      return JSON.parse(takeText()).map(divergenceOf);
    },

    /** A Locator over a JSON document: paths and byte offsets to lines and columns. */
    locator: (json) => new Locator(json),

    /**
     * The public key of a secret URI (BIP39 mnemonic, 0x hex seed, "//Alice"...), as hex
     * and as an SS58 address (substrate's generic prefix 42). Asynchronous: derived in the
     * module of keys, loaded on first use.
     * @param {string|Uint8Array} secret
     * @param {'ed25519'|'sr25519'} keyType
     */
    key: keyOf,

    /** NewWorkloadID: "<twin>-<contract>-<name>", or a GridtypesError for an invalid name. */
    workloadId(twin, contract, name) {
      const [p, n] = own(name, 'name');
      try {
        check(core._gt_ffi_workload_id(twin >>> 0, BigInt(contract), p, n, OUT_TEXT, err));
      } finally {
        core._gt_ffi_free(p);
      }
      return cstring(OUT_TEXT, 96);
    },

    /** WorkloadID.Unique(input) of a workload id's text: 13 base58 characters. */
    workloadUnique(id, input) {
      const [p, n] = own(id, 'id');
      const [q, m] = own(input, 'input');
      try {
        check(core._gt_ffi_workload_unique(p, n, q, m, OUT_TEXT, err));
      } finally {
        core._gt_ffi_free(p);
        core._gt_ffi_free(q);
      }
      return ascii(OUT_TEXT, 13);
    },

    /** zos.NetworkID(twin, name): 13 base58 characters. */
    networkId(twin, name) {
      const [p, n] = own(name, 'name');
      try {
        check(core._gt_ffi_network_id(twin >>> 0, p, n, OUT_TEXT, err));
      } finally {
        core._gt_ffi_free(p);
      }
      return ascii(OUT_TEXT, 13);
    },
  };
  return api;
}

/** Bytes of a Uint8Array, ArrayBuffer or other view; anything else is a GridtypesError. */
function asBytes(data, what) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new GridtypesError(`${what}: expected a string or bytes, got ${data === null ? 'null' : typeof data}`, { code: 'argument', status: -1 });
}

function hex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
