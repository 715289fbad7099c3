/**
 * Min/max pairs per column for drawing a waveform, `[min0, max0, min1, max1, …]`, of the channels'
 * average. The average is taken sample by sample in the same pass: a downmixed copy of a 60 s
 * stereo take (11 MB, made before the peaks) was most of what drawing the preview cost.
 */
export function waveformPeaks(channels: readonly Float32Array[], columns: number): Float32Array {
  const peaks = new Float32Array(columns * 2);
  const length = channels.length === 0 ? 0 : Math.min(...channels.map((channel) => channel.length));
  if (length === 0 || columns <= 0) return peaks;
  const perColumn = length / columns;
  const [first, second] = channels;
  const value = channels.length === 1
    ? (i: number) => first[i]
    : channels.length === 2
      ? (i: number) => (first[i] + second[i]) / 2
      : (i: number) => channels.reduce((sum, channel) => sum + channel[i], 0) / channels.length;
  for (let column = 0; column < columns; column++) {
    const from = Math.floor(column * perColumn);
    const to = Math.max(from + 1, Math.min(length, Math.floor((column + 1) * perColumn)));
    let min = 0;
    let max = 0;
    for (let i = from; i < to; i++) {
      const sample = value(i);
      if (sample < min) min = sample;
      if (sample > max) max = sample;
    }
    peaks[column * 2] = min;
    peaks[column * 2 + 1] = max;
  }
  return peaks;
}
