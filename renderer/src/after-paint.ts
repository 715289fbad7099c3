/**
 * Runs `run` once the next frame has been produced (a task queued from requestAnimationFrame runs
 * after it): for work the user does not see, so it does not hold up what they do. Returns a cancel.
 */
export function afterNextPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
