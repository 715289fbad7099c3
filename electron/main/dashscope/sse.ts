/**
 * Incremental Server-Sent Events parser (WHATWG rules) for DashScope streaming synthesis.
 * One event may span several `data:` lines, which are joined with "\n" (§5.a, S15d). DashScope
 * also sends a comment line `:HTTP_STATUS/<code>` per event; we keep it to classify errors.
 */

export interface SseEvent {
  event?: string;
  id?: string;
  data: string;
  /** From the `:HTTP_STATUS/<code>` comment, when present. */
  httpStatus?: number;
}

export interface SseParser {
  push(chunk: string): void;
  /** Flushes an event left unterminated when the stream ends. */
  end(): void;
}

export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let buffer = '';
  let data: string[] = [];
  let fields: Omit<SseEvent, 'data'> = {};

  const dispatch = () => {
    if (data.length > 0) onEvent({ ...fields, data: data.join('\n') });
    data = [];
    fields = {};
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) {
      const status = /^:HTTP_STATUS\/(\d{3})/.exec(text);
      if (status) fields.httpStatus = Number(status[1]);
      return;
    }
    const colon = text.indexOf(':');
    const name = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'data') data.push(value);
    else if (name === 'event') fields.event = value;
    else if (name === 'id') fields.id = value;
  };

  return {
    push(chunk) {
      buffer += chunk;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        // A lone "\r" at the end may be the first half of "\r\n": wait for more.
        if (!match || (match[0] === '\r' && match.index === buffer.length - 1)) break;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
    end() {
      if (buffer !== '') line(buffer);
      buffer = '';
      dispatch();
    },
  };
}
