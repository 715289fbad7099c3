/** The shapes every mock handler answers with, and DashScope's error body (§3.1). */
import { randomUUID } from 'node:crypto';

export interface JsonReply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export const newRequestId = () => randomUUID();

export function errorReply(status: number, code: string, message: string, requestId = newRequestId()): JsonReply {
  return { status, body: { request_id: requestId, code, message } };
}

/** 400 InvalidParameter, the catch-all for a malformed request. */
export const invalidParameter = (message: string) => errorReply(400, 'InvalidParameter', message);

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
