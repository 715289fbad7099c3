/** Recorder clock: "0:07.3". */
export function formatClock(seconds: number, tenths = true): string {
  const whole = Math.floor(seconds);
  const clock = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
  return tenths ? `${clock}.${Math.floor((seconds - whole) * 10)}` : clock;
}
