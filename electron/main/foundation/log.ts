import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Logger {
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** Patterns that must never reach a log: API keys, bearer tokens and audio payloads. */
const REDACTIONS: Array<[RegExp, string]> = [
  // Not what is already redacted: a scrubbed text then holds nothing these patterns find (`holdsSecrets`).
  [/Bearer\s+(?!\[redacted\])[^\s"',]+/gi, 'Bearer [redacted]'],
  [/\bsk-[A-Za-z0-9_-]{6,}/g, 'sk-[redacted]'],
  [/data:audio\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/gi, 'data:audio/[redacted]'],
];

/** Whether `redact` (without named secrets) would change anything in this text. */
export function holdsSecrets(text: string): boolean {
  return REDACTIONS.some(([pattern]) => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  });
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement);
  return out;
}

function describe(data: unknown): string {
  if (data === undefined) return '';
  if (data instanceof Error) return ` ${data.name}: ${data.message}`;
  try {
    return ` ${JSON.stringify(data)}`;
  } catch {
    return ` ${String(data)}`;
  }
}

/**
 * A line logger that redacts before writing. `secrets` returns the secrets known right now
 * (e.g. the key in use), so even an unexpected echo of the key is scrubbed.
 */
export function createLogger(options: { file?: string; console?: boolean; secrets?: () => readonly string[] } = {}): Logger {
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });
  const write = (level: string, message: string, data?: unknown) => {
    const line = redact(`${new Date().toISOString()} ${level} ${message}${describe(data)}`, options.secrets?.() ?? []);
    if (options.file) {
      try {
        appendFileSync(options.file, `${line}\n`);
      } catch {
        // A full disk must not take the app down with it; the console still gets the line.
      }
    }
    if (options.console) console.log(line);
  };
  return {
    info: (message, data) => write('INFO', message, data),
    warn: (message, data) => write('WARN', message, data),
    error: (message, data) => write('ERROR', message, data),
  };
}
