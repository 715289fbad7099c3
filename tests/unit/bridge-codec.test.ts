/**
 * The E2E bridge must carry exactly what Electron's IPC carries, so a call that only works over
 * the bridge cannot hide one that fails in the app.
 */
import { describe, expect, it } from 'vitest';
import { decodeFromBridge, encodeForBridge } from '../e2e/bridge/codec';

const roundTrip = (value: unknown) => decodeFromBridge(JSON.parse(JSON.stringify(encodeForBridge(value))));

describe('the test bridge carries structured clones, as Electron IPC does', () => {
  it('refuses what IPC cannot clone, as ipcRenderer.invoke does', () => {
    expect(() => encodeForBridge({ onDone: () => {} })).toThrow(/could not be cloned/);
    expect(() => encodeForBridge({ id: Symbol('x') })).toThrow();
  });

  it('keeps ArrayBuffer and Uint8Array apart, and delivers a Node Buffer as a Uint8Array', () => {
    const buffer = new Uint8Array([1, 2, 3]).buffer;
    const decoded = roundTrip({ buffer, bytes: new Uint8Array([4, 5]), node: Buffer.from([6]), floats: new Float32Array([0.5]) }) as Record<string, unknown>;
    expect(decoded.buffer).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(decoded.buffer as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
    expect(decoded.bytes).toEqual(new Uint8Array([4, 5]));
    expect((decoded.node as object).constructor).toBe(Uint8Array);
    expect(decoded.floats).toEqual(new Float32Array([0.5]));
  });

  it('keeps Dates, Maps, Sets, undefined values and non-finite numbers that JSON would lose', () => {
    const when = new Date('2026-11-27T10:00:00Z');
    const decoded = roundTrip({ when, tags: new Set(['a']), byId: new Map([['v1', 1]]), note: undefined, gain: Number.NaN, big: 10n, list: [undefined, -Infinity] });
    expect(decoded).toEqual({ when, tags: new Set(['a']), byId: new Map([['v1', 1]]), note: undefined, gain: Number.NaN, big: 10n, list: [undefined, -Infinity] });
    expect(Object.keys(decoded as object)).toContain('note');
  });

  it('drops what structured clone drops: class prototypes and accessors become plain data', () => {
    class Voice {
      constructor(public name: string) {}
      get upper() {
        return this.name.toUpperCase();
      }
    }
    const decoded = roundTrip(new Voice('Ada')) as Record<string, unknown>;
    expect(decoded).toEqual({ name: 'Ada' });
    expect(decoded).not.toBeInstanceOf(Voice);
  });
});
