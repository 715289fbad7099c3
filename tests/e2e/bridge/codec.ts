/**
 * Playwright bindings carry JSON only, while Electron IPC carries structured clones (Uint8Array
 * included). The test bridge encodes bytes as base64 on both sides so the renderer sees exactly
 * what it would get from the real preload.
 */
const TAG = '__timbreBytes';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeForBridge(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [TAG]: toBase64(value) };
  if (value instanceof ArrayBuffer) return { [TAG]: toBase64(new Uint8Array(value)) };
  if (Array.isArray(value)) return value.map(encodeForBridge);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encodeForBridge(item)]));
  }
  return value;
}

export function decodeFromBridge(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeFromBridge);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record[TAG] === 'string' && Object.keys(record).length === 1) return fromBase64(record[TAG]);
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, decodeFromBridge(item)]));
  }
  return value;
}
