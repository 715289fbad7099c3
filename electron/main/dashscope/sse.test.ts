import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse';

function parse(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

describe('SSE parser', () => {
  it('reads DashScope-framed events with the HTTP_STATUS comment', () => {
    expect(parse(['id:1\nevent:result\n:HTTP_STATUS/200\ndata:{"a":1}\n\n'])).toEqual([
      { id: '1', event: 'result', httpStatus: 200, data: '{"a":1}' },
    ]);
  });

  it('joins several data lines of one event with newlines', () => {
    const [event] = parse(['data:{\ndata: "a": 1\ndata:}\n\n']);
    expect(event.data).toBe('{\n"a": 1\n}');
    expect(JSON.parse(event.data)).toEqual({ a: 1 });
  });

  it('handles events split across arbitrary chunk boundaries, including inside CRLF', () => {
    const text = 'event:result\r\ndata:{"n":1}\r\n\r\nevent:error\r\n:HTTP_STATUS/500\r\ndata:{"n":2}\r\n\r\n';
    const oneByOne = parse([...text]);
    expect(oneByOne).toEqual(parse([text]));
    expect(oneByOne.map((event) => [event.event, event.httpStatus, event.data])).toEqual([
      ['result', undefined, '{"n":1}'],
      ['error', 500, '{"n":2}'],
    ]);
  });

  it('flushes an unterminated last event at the end and ignores empty events', () => {
    expect(parse([': keep-alive\n\n', 'data:last'])).toEqual([{ data: 'last' }]);
  });
});
