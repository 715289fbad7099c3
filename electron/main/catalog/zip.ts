/**
 * Reading a catalog export's zip without trusting it. The central directory is read first (what
 * the zip says it holds, and how big each entry claims to be), so an import can refuse entries
 * it did not ask for and sizes over its limits before inflating anything. Each entry is then
 * inflated on its own, off the main thread (fflate's worker), in small pieces, and stopped as
 * soon as it grows past the size it declared: a zip bomb costs at most one piece of work.
 */
import { AsyncInflate } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The uncompressed size the zip declares (checked while inflating). */
  size: number;
  localHeaderOffset: number;
}

/** A zip this reader refuses; `reason` says why in a few words (never the zip's own text). */
export class ZipRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** More entries than any export has; the bound keeps the directory walk small. */
const MAX_ENTRIES = 200_000;
/** Compressed bytes handed to the inflater at a time; deflate expands at most ~1,032×. */
const PIECE = 64 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: false });

/** The entries the central directory lists, by name. */
export function readCentralDirectory(zip: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset--) {
    if (view.getUint32(offset, true) === EOCD) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefused('not a zip file');
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (view.getUint16(eocd + 4, true) !== 0 || count === 0xffff || directoryOffset === 0xffffffff) throw new ZipRefused('multi-part or zip64 archive');
  if (directoryOffset + directorySize > eocd || count > MAX_ENTRIES) throw new ZipRefused('damaged zip directory');

  const entries = new Map<string, ZipEntry>();
  let offset = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== CENTRAL) throw new ZipRefused('damaged zip directory');
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const entry: ZipEntry = {
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      size: view.getUint32(offset + 24, true),
      name: decoder.decode(zip.subarray(offset + 46, offset + 46 + nameLength)),
      localHeaderOffset: view.getUint32(offset + 42, true),
    };
    if (flags & 1) throw new ZipRefused('encrypted entry');
    if (entry.method !== 0 && entry.method !== 8) throw new ZipRefused('unsupported compression');
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw new ZipRefused('multi-part or zip64 archive');
    if (entries.has(entry.name)) throw new ZipRefused('duplicate entry');
    entries.set(entry.name, entry);
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return entries;
}

/** The compressed bytes of an entry, located through its local header. */
function compressedBytes(zip: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const header = entry.localHeaderOffset;
  if (header + 30 > zip.length || view.getUint32(header, true) !== LOCAL) throw new ZipRefused('damaged zip entry');
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw new ZipRefused('damaged zip entry');
  return zip.subarray(start, end);
}

/**
 * An entry's bytes. Stored entries are sliced; deflated ones are inflated off the main thread,
 * piece by piece, and refused once they grow past their declared size.
 */
export function readEntry(zip: Uint8Array, entry: ZipEntry): Promise<Uint8Array> {
  let compressed: Uint8Array;
  try {
    compressed = compressedBytes(zip, entry);
  } catch (error) {
    return Promise.reject(error);
  }
  if (entry.method === 0) {
    return entry.compressedSize === entry.size ? Promise.resolve(compressed) : Promise.reject(new ZipRefused('damaged zip entry'));
  }
  return new Promise((resolve, reject) => {
    const out = new Uint8Array(entry.size);
    let written = 0;
    let offset = 0;
    let settled = false;
    const inflater = new AsyncInflate();
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      inflater.terminate();
      reject(new ZipRefused(reason));
    };
    const pushNext = () => {
      if (settled || offset >= compressed.length) return;
      const end = Math.min(compressed.length, offset + PIECE);
      // A copy: the worker takes over (detaches) the buffer it is given, which must not be the zip's.
      inflater.push(compressed.slice(offset, end), end === compressed.length);
      offset = end;
    };
    inflater.ondata = (error, chunk, final) => {
      if (settled) return;
      if (error) return fail('damaged zip entry');
      if (written + chunk.length > entry.size) return fail('an entry is larger than it declares');
      out.set(chunk, written);
      written += chunk.length;
      if (!final) return;
      settled = true;
      inflater.terminate();
      if (written !== entry.size) reject(new ZipRefused('damaged zip entry'));
      else resolve(out);
    };
    // One piece in flight at a time: the next goes once the worker has taken the last.
    inflater.ondrain = pushNext;
    if (compressed.length === 0) fail('damaged zip entry');
    else pushNext();
  });
}
