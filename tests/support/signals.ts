/** Synthetic signals for the audio unit tests: tones, noise and silence, joined end to end. */

/** A sine standing in for speech: `amplitude` for `seconds`. */
export function tone(seconds: number, rate: number, amplitude = 0.3, frequency = 200): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate);
  return out;
}

export const silence = (seconds: number, rate: number) => new Float32Array(Math.round(seconds * rate));

/** White noise of this RMS, from a fixed seed so runs agree. */
export function noise(seconds: number, rate: number, rms: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  // Uniform on [-a, a] has RMS a/√3.
  const amplitude = rms * Math.sqrt(3);
  for (let i = 0; i < out.length; i++) out[i] = (random() * 2 - 1) * amplitude;
  return out;
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function mix(a: Float32Array, b: Float32Array): Float32Array {
  return a.map((value, i) => value + (b[i] ?? 0));
}
