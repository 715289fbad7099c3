/**
 * Playwright bindings carry JSON; Electron's IPC carries structured clones. Every value crossing
 * the test bridge is first structured-cloned, so a value Electron could not carry (a function, a
 * symbol, a DOM object) fails here as `ipcRenderer.invoke` fails, and a Node `Buffer` arrives as
 * the `Uint8Array` Electron delivers. What JSON would lose or change is then tagged, so each side
 * gets what Electron would hand it: `Uint8Array` and `ArrayBuffer` each as itself, other typed
 * arrays, `Date`, `Map`, `Set`, `undefined` (also as an object's value), NaN and ±Infinity, BigInt.
 */
const TAG = '__timbreClone';

type Tagged =
  | { [TAG]: 'undefined' }
  | { [TAG]: 'number'; value: string }
  | { [TAG]: 'bigint'; value: string }
  | { [TAG]: 'date'; value: number }
  | { [TAG]: 'arraybuffer'; base64: string }
  | { [TAG]: 'view'; type: string; base64: string }
  | { [TAG]: 'map'; entries: unknown[] }
  | { [TAG]: 'set'; values: unknown[] };

const VIEWS = {
  Uint8Array, Uint8ClampedArray, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView,
} as const;

/**
 * Base64 with the engine's own Uint8Array.toBase64/fromBase64 where there is one (Chromium has),
 * else Node's Buffer. Copying a megabyte through String.fromCharCode took ~40 ms of the page's
 * main thread per recording saved, where Electron's structured clone takes about one.
 */
type NativeBase64 = { toBase64?: () => string };
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

function toBase64(bytes: Uint8Array): string {
  const native = (bytes as NativeBase64).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): ArrayBuffer {
  if (nativeFromBase64) return nativeFromBase64(text).buffer as ArrayBuffer;
  if (NodeBuffer) {
    const bytes = NodeBuffer.from(text, 'base64');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

function tag(value: unknown): unknown {
  if (value === undefined) return { [TAG]: 'undefined' };
  if (typeof value === 'number') return Number.isFinite(value) ? value : { [TAG]: 'number', value: String(value) };
  if (typeof value === 'bigint') return { [TAG]: 'bigint', value: value.toString() };
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return { [TAG]: 'date', value: value.getTime() };
  if (value instanceof ArrayBuffer) return { [TAG]: 'arraybuffer', base64: toBase64(new Uint8Array(value)) };
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return { [TAG]: 'view', type: value.constructor.name, base64: toBase64(bytes) };
  }
  if (value instanceof Map) return { [TAG]: 'map', entries: [...value].map(([key, item]) => [tag(key), tag(item)]) };
  if (value instanceof Set) return { [TAG]: 'set', values: [...value].map(tag) };
  if (Array.isArray(value)) return value.map(tag);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, tag(item)]));
}

function untag(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untag);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (!(TAG in record)) return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, untag(item)]));
  const tagged = record as Tagged;
  switch (tagged[TAG]) {
    case 'undefined':
      return undefined;
    case 'number':
      return Number(tagged.value);
    case 'bigint':
      return BigInt(tagged.value);
    case 'date':
      return new Date(tagged.value);
    case 'arraybuffer':
      return fromBase64(tagged.base64);
    case 'view': {
      const View = VIEWS[tagged.type as keyof typeof VIEWS];
      if (!View) throw new TypeError(`The bridge cannot carry a ${tagged.type}`);
      const buffer = fromBase64(tagged.base64);
      return View === DataView ? new DataView(buffer) : new (View as typeof Uint8Array)(buffer, 0, buffer.byteLength / (View as typeof Uint8Array).BYTES_PER_ELEMENT);
    }
    case 'map':
      return new Map((tagged.entries as Array<[unknown, unknown]>).map(([key, item]) => [untag(key), untag(item)]));
    case 'set':
      return new Set(tagged.values.map(untag));
  }
}

/** Structured-clones (throwing a DataCloneError where Electron's IPC would fail), then makes it JSON-safe. */
export function encodeForBridge(value: unknown): unknown {
  return tag(structuredClone(value));
}

export function decodeFromBridge(value: unknown): unknown {
  return untag(value);
}
