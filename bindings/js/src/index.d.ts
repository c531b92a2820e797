// Types of the gridtypes package (every entry: node, browser, inline).

/** An error of the library: what went wrong, and where in the input. */
export class GridtypesError extends Error {
  constructor(message: string, where?: { code?: string; status?: number; path?: string; offset?: number | null });
  readonly name: 'GridtypesError';
  /** The kind: "syntax", "type", "value", "data", "invalid", "not-found", "upgrade", "panic",
   * "limit", "verify", "key", "memory", "argument", "io" or "unknown". */
  code: string;
  /** The library's negative status code (GT_E* in gridtypes/error.h). */
  status: number;
  /** JSON path of the field at fault (`workloads[2].data.network.interfaces[0].ip`), or "". */
  path: string;
  /** 0-based byte offset in the UTF-8 input where the fault is, or null. */
  offset: number | null;
}

/** A deployment's JSON: a string (encoded as UTF-8), or its exact bytes. */
export type Json = string | Uint8Array | ArrayBuffer | ArrayBufferView;

export type KeyType = 'ed25519' | 'sr25519';

/** Workload.Capacity: cores, bytes of SSD, HDD and memory, public IPv4 addresses. */
export interface Capacity {
  cru: bigint;
  sru: bigint;
  hru: bigint;
  mru: bigint;
  ipv4u: bigint;
}

/** One fragment of the challenge and the field that wrote it. */
export interface Fragment {
  /** JSON path of the field (`workloads[0].data.size`). */
  path: string;
  /** Its first byte in the challenge. */
  offset: number;
  /** Its text (bytes that are not UTF-8 as U+FFFD). */
  text: string;
  /** Its exact bytes, in hex. */
  hex: string;
}

/** Why the node would refuse a deployment: the first problem Deployment.Valid reports. */
export interface Problem {
  message: string;
  /** "invalid"; "data", "type" or "value" when a workload's data cannot be loaded; "panic" when the node panics. */
  code: string;
  path: string;
  offset: number | null;
}

export interface Workload {
  index: number;
  name: string;
  type: string;
  version: number;
  /** The workload's data, raw JSON as decoded ("" when absent). */
  data: string;
}

/** Twins' public keys: twin id → hex, 0x hex, an SS58 address, or raw bytes. */
export type Keys = Record<string | number, string | Uint8Array> | Map<number | string, string | Uint8Array>;

export interface VerifyReport {
  ok: boolean;
  /** "ok", "hash", "missing_required", "key_not_found", "bad_hex", "bad_signature",
   * "key_panic", "no_originator" or "weight". */
  reason: string;
  /** The status's name when not ok ("verify", "panic", "data", ...), "ok" otherwise. */
  code: string;
  /** The twin concerned (0 when none). */
  twin: number;
  keyType: KeyType;
  /** The weights counted and required (only for reason "weight"; 0n otherwise). */
  weightReached: bigint;
  weightRequired: bigint;
  /** The node's message ("" when ok). */
  message: string;
}

export interface SignOptions {
  /** A secret URI: a BIP39 mnemonic, a 0x hex seed, "//Alice", with derivation paths. */
  secret: string | Uint8Array;
  keyType: KeyType;
  /** The signing twin (default: the deployment's twin_id). */
  twin?: number;
  /** Sets signature_style first: "polka-wallet", or "" / "none"; left out, it stays. */
  style?: string;
}

/** A deployment decoded by the library. Its memory lives in the WebAssembly module until
 * free() (or `using`, or garbage collection). */
export class Deployment {
  private constructor();
  readonly version: number;
  readonly twinId: number;
  readonly contractId: bigint;
  readonly expiration: bigint;
  readonly weightRequired: number;
  readonly workloads: Workload[];
  readonly freed: boolean;
  /** The challenge hash: 32 lower-case hex digits. */
  hash(): string;
  hashBytes(): Uint8Array;
  /** The challenge text (the bytes that are hashed). */
  challenge(): string;
  challengeBytes(): Uint8Array;
  /** The challenge fragment by fragment, with the path of the field each comes from. */
  annotate(): Fragment[];
  /** null when the node accepts the deployment, else the first problem. */
  valid(): Problem | null;
  /** The capacity of all workloads (Go's wrapping sum), or of workload `index`. */
  capacity(index?: number): Capacity;
  /** The JSON the reference would send. */
  encode(): string;
  encodeBytes(): Uint8Array;
  /** The JSON with each workload's data in the node's forms (same hash). */
  encodeCanonical(): string;
  /** What other clients will hash differently, and what the node refuses outside Valid. */
  lint(): { findings: LintFinding[]; more: number };
  /** Deployment.Verify with these keys (a twin left out is "key not found"). */
  verify(keys: Keys): VerifyReport;
  /** Deployment.Sign, with the key used in the module of keys (loaded on first use, the
   * only one that sees the secret); resolves to this deployment. */
  sign(options: SignOptions): Promise<this>;
  free(): void;
  [Symbol.dispose](): void;
}

export interface UpgradeOp {
  op: 'add' | 'update' | 'remove';
  name: string;
  /** The workload id ("" when the name is not a valid name). */
  id: string;
  /** Index in the new deployment (add, update) or the old one (remove). */
  index: number;
}

/** A change the node silently ignores because the workload's version was not bumped. */
export interface UpgradeWarning {
  index: number;
  name: string;
  oldVersion: number;
  newVersion: number;
  deploymentVersion: number;
  dataChanged: boolean;
  metadataChanged: boolean;
  descriptionChanged: boolean;
}

export interface PublicKey {
  keyType: KeyType;
  /** 32 bytes in hex. */
  publicKey: string;
  publicKeyBytes: Uint8Array;
  /** SS58 address with substrate's generic prefix 42. */
  ss58: string;
}

/** A likely cause of a difference: a stable code for programs and a text for people. */
export interface Cause {
  /** "trailing-newline", "signature-style-missing", "field-missing", "extra-bytes", "nil-net",
   * "hex-case", "letter-case", "ip-unnormalised", "ip-different", "number-above-2^53". */
  code: string;
  text: string;
}

export interface Difference {
  /** Our bytes [oursOffset, +oursLength) stand where theirs has [theirsOffset, +theirsLength). */
  oursOffset: number;
  theirsOffset: number;
  oursLength: number;
  theirsLength: number;
  oursText: string;
  theirsText: string;
  oursHex: string;
  theirsHex: string;
  /** The path of our fragment it belongs to, its offset, text and length (null, 0: none). */
  path: string | null;
  fragmentOffset: number | null;
  fragment: string | null;
  fragmentLength: number;
  causes: Cause[];
}

export interface Comparison {
  /** What theirs was taken for: "challenge", "hash" (equal compares the hashes) or
   * "deployment" (its challenge was compared). */
  kind: 'challenge' | 'hash' | 'deployment';
  equal: boolean;
  oursLength: number;
  theirsLength: number;
  oursHash: string;
  theirsHash: string;
  truncated: boolean;
  differences: Difference[];
}

export interface Divergence {
  name: string;
  /** "client", "node-rules" or "slip". */
  kind: string;
  rule: string;
  versions: string;
  perField: boolean;
}

export interface Expectation {
  equal: boolean;
  ours: string;
  theirs: string;
  applicable: number;
  tried: number;
  /** The smallest combinations of divergences that give their hash (a per-field one with its field). */
  matches: { divergences: Divergence[]; field: string | null }[];
}

export interface LintFinding {
  code: string;
  path: string;
  offset: number | null;
  message: string;
  fix: string;
}

export interface Position {
  /** Byte offset in the UTF-8 document (null when it holds no value). */
  offset: number | null;
  /** Line and column, from 1 (columns count bytes). */
  line: number | null;
  column: number | null;
}

/** Turns JSON paths and byte offsets of one document into positions. */
export class Locator {
  private constructor();
  /** Where the value at a JSON path starts; found: false when only a prefix of it exists
   * (the position is then that prefix's value, matched its length in the path). */
  path(path: string): Position & { found: boolean; matched: number };
  /** The line and column of a byte offset. */
  position(offset: number): Position;
  free(): void;
  [Symbol.dispose](): void;
}

export interface Gridtypes {
  readonly GridtypesError: typeof GridtypesError;
  readonly Deployment: typeof Deployment;
  readonly Locator: typeof Locator;
  /** The library's version. */
  readonly version: string;
  /** The node's rules implemented (the zosbase commit). */
  readonly referenceRules: string;
  /** Decodes a deployment as the node does; GridtypesError when it cannot. maxInput: the
   * largest input accepted, in bytes (default 16 MiB as the gridtypes command; at most 1 GiB).
   * maxMemory: the most memory the parse may take, in bytes (default 16 bytes per input
   * byte, at least 1 MiB); past it a GridtypesError with code 'limit' names the budget. */
  parse(json: Json, options?: { maxInput?: number | bigint; maxMemory?: number | bigint }): Deployment;
  /** parse(json).hash() in one call, with the same errors. */
  hash(json: Json, options?: { maxInput?: number | bigint }): string;
  /** Deployment.Upgrade(current -> next): the node's operations, and ignored changes. */
  upgrade(current: Deployment | Json, next: Deployment | Json): { ops: UpgradeOp[]; warnings: UpgradeWarning[] };
  /** Another client's challenge (text or hex), hash or deployment JSON against the node's
   * for the same deployment: equal or not, where it leaves ours, the field, the likely
   * causes. format defaults to "hex" for hex digits only (other than a hash), else "text". */
  compare(theirs: string | Uint8Array, deployment: Deployment | Json, options?: { format?: 'text' | 'hex'; all?: boolean }): Comparison;
  /** Given only another client's hash, the known divergences that give it. */
  expect(hash: string | Uint8Array, deployment: Deployment | Json): Expectation;
  /** The catalogue of known client divergences. */
  divergences(): Divergence[];
  /** A Locator over a JSON document. */
  locator(json: string | Uint8Array): Locator;
  /** The public key of a secret URI (derived in the module of keys, loaded on first use). */
  key(secret: string | Uint8Array, keyType: KeyType): Promise<PublicKey>;
  /** NewWorkloadID: "<twin>-<contract>-<name>". */
  workloadId(twin: number, contract: bigint | number, name: string | Uint8Array): string;
  /** WorkloadID.Unique(input) of a workload id's text. */
  workloadUnique(id: string | Uint8Array, input: string | Uint8Array): string;
  /** zos.NetworkID(twin, name). */
  networkId(twin: number, name: string | Uint8Array): string;
}

/** Loads the library (once; later calls give the same instance). */
export function load(): Promise<Gridtypes>;
