/** Min/max pairs per column for drawing a waveform: `[min0, max0, min1, max1, …]`. */
export function waveformPeaks(samples: Float32Array, columns: number): Float32Array {
  const peaks = new Float32Array(columns * 2);
  if (samples.length === 0 || columns <= 0) return peaks;
  const perColumn = samples.length / columns;
  for (let column = 0; column < columns; column++) {
    const from = Math.floor(column * perColumn);
    const to = Math.max(from + 1, Math.min(samples.length, Math.floor((column + 1) * perColumn)));
    let min = 0;
    let max = 0;
    for (let i = from; i < to; i++) {
      const value = samples[i];
      if (value < min) min = value;
      if (value > max) max = value;
    }
    peaks[column * 2] = min;
    peaks[column * 2 + 1] = max;
  }
  return peaks;
}
