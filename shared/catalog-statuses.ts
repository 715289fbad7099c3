/**
 * The catalog's enumerations, below both its zod schemas (catalog-schema.ts) and its zod-free
 * helpers (catalog.ts), so that each can use them without importing the other.
 */
export const CHECK_STATUSES = ['pass', 'warn', 'block'] as const;

export const VOICE_STATUSES = ['queued', 'waiting-network', 'sending', 'ready', 'failed', 'missing-remote'] as const;
export type VoiceStatus = (typeof VOICE_STATUSES)[number];

/** Statuses of a voice that still has an enrollment job in the outbox. */
export const PENDING_VOICE_STATUSES: readonly VoiceStatus[] = ['queued', 'waiting-network', 'sending'];
export const isPendingStatus = (status: VoiceStatus) => PENDING_VOICE_STATUSES.includes(status);
