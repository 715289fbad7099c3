import type { z } from 'zod';

/** One IPC route: what the renderer may send (validated in main) and what it gets back. */
export interface RouteSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function route<I extends z.ZodType, O extends z.ZodType>(spec: RouteSpec<I, O>): RouteSpec<I, O> {
  return spec;
}
