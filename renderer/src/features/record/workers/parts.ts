/**
 * Cutting a take into parts that workers process side by side. Each part after the first starts
 * `leadIn` samples early, so a model that carries state from frame to frame (RNNoise, Silero) has
 * settled by the part's first own sample; its output for the lead-in is dropped. Parts start on
 * the model's frames, where one pass's frames start, so the joined output lines up with one pass.
 */
export interface Part {
  /** The samples handed to a worker: the part and its lead-in. */
  from: number;
  to: number;
  /** Where the part's own output starts, from `from`. */
  leadIn: number;
}

export interface PartPlan {
  /** The model's frame, in samples. */
  frame: number;
  leadIn: number;
  /** Below this a part is not worth its start (a worker's, or a lead-in heard twice). */
  minPart: number;
  maxParts: number;
}

/** Cuts `length` samples into at most `parts` parts of at least `minPart`, each but the first with its lead-in. */
export function cutParts(length: number, parts: number, plan: PartPlan): Part[] {
  const count = Math.max(1, Math.min(parts, plan.maxParts, Math.floor(length / plan.minPart)));
  const size = Math.ceil(length / count / plan.frame) * plan.frame;
  return Array.from({ length: count }, (_, index) => {
    const start = index * size;
    const from = Math.max(0, start - plan.leadIn);
    return { from, to: Math.min(length, start + size), leadIn: start - from };
  });
}
