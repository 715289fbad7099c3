/** Answers the mock does not give (a proxy's HTML page, a server ignoring the SSE header), through a stub fetch. */
import { describe, expect, it } from 'vitest';
import { resolveContext } from './context';
import { DASHSCOPE_ERROR, DashScopeError } from './errors';
import { postJson, postSse } from './http';
import { rejectionOf } from '../../../tests/support/rejection';

function contextAnswering(response: () => Response) {
  return resolveContext({
    getApiKey: async () => 'sk-test-key',
    baseUrl: () => ({ http: 'https://dashscope.example/api/v1', ws: 'wss://dashscope.example/api-ws/v1/realtime', region: 'cn-beijing' }),
    fetch: async () => response(),
  });
}

const request = { action: 'test', path: '/x', body: {}, timeoutMs: 1_000 };

const failure = (promise: Promise<unknown> | unknown) => rejectionOf(DashScopeError, promise);

describe('postJson', () => {
  it('maps an HTML 502 from a proxy by its status, keeping the request id header', async () => {
    const context = contextAnswering(() => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'x-request-id': 'edge-1' } }));
    const error = await failure(postJson(context, request));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.serverError, status: 502, retryable: true, requestId: 'edge-1' });
  });

  it('names the HTTP status when an unknown error has no code', async () => {
    const error = await failure(postJson(contextAnswering(() => new Response('', { status: 418 })), request));
    expect(error.code).toBe(DASHSCOPE_ERROR.unknown);
    expect(error.details).toMatchObject({ dashscopeCode: 'HTTP 418' });
  });

  it.each([
    ["Electron's net.fetch", new Error('Redirect was cancelled')],
    ["Node's fetch after a loop", new TypeError('fetch failed', { cause: new Error('redirect count exceeded') })],
  ])('a redirect refused by %s is a redirect, not a network failure', async (_stack, failure) => {
    const context = resolveContext({
      getApiKey: async () => 'sk-test-key',
      baseUrl: () => ({ http: 'https://dashscope.example/api/v1', ws: 'wss://dashscope.example/api-ws/v1/realtime', region: 'cn-beijing' }),
      fetch: async () => { throw failure; },
    });
    const error = await rejectionOf(DashScopeError, postJson(context, request));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.redirected, retryable: false });
  });

  it('treats a 2xx that is not a JSON object as a bad response that may have taken effect', async () => {
    const error = await failure(postJson(contextAnswering(() => new Response('[1,2]', { status: 200 })), request));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.badResponse, mayHaveSucceeded: true, retryable: true });
  });
});

describe('postSse', () => {
  it('accepts a plain JSON answer from a server that ignores the SSE header', async () => {
    const context = contextAnswering(() => Response.json({ output: { audio: { url: 'https://x/a.wav' } }, request_id: 'r1' }));
    const events: unknown[] = [];
    expect(await postSse(context, request, (event) => events.push(event))).toEqual({ status: 200, requestId: 'r1' });
    expect(events).toEqual([{ output: { audio: { url: 'https://x/a.wav' } }, request_id: 'r1' }]);
  });

  it('skips an event whose data is not JSON (a keep-alive), as the SDK does, instead of failing the stream', async () => {
    const body = 'event:ping\ndata:keep-alive\n\nid:1\nevent:result\n:HTTP_STATUS/200\ndata:{"output":{"finish_reason":"stop"},"request_id":"r3"}\n\n';
    const context = contextAnswering(() => new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    const events: unknown[] = [];
    expect(await postSse(context, request, (event) => events.push(event))).toEqual({ status: 200, requestId: 'r3' });
    expect(events).toEqual([{ output: { finish_reason: 'stop' }, request_id: 'r3' }]);
  });

  it('an error event with plain-text data still fails the stream, with what it says', async () => {
    const body = 'id:1\nevent:error\n:HTTP_STATUS/500\ndata:upstream timed out\n\n';
    const context = contextAnswering(() => new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    const error = await failure(postSse(context, request, () => {}));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.serverError, status: 500, details: { serverMessage: 'upstream timed out' } });
  });

  it.each([
    ['DashScope framing', 'id:1\nevent:error\n:HTTP_STATUS/400\ndata:{"code":"Arrearage","message":"Access denied, please make sure your account is in good standing.","request_id":"r4"}\n\n'],
    ['bare data lines', 'data:{\ndata: "code": "Arrearage",\ndata: "message": "Access denied, please make sure your account is in good standing.",\ndata: "request_id": "r4"\ndata:}\n\n'],
  ])('reads the code and message of a 4xx whose body is an event stream (%s)', async (_framing, body) => {
    const context = contextAnswering(() => new Response(body, { status: 400, headers: { 'content-type': 'text/event-stream' } }));
    const error = await failure(postSse(context, request, () => {}));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.arrearage, status: 400, dashscopeCode: 'Arrearage', requestId: 'r4' });
  });

  it('maps an in-band error event by its code and HTTP_STATUS comment', async () => {
    const body = 'id:1\nevent:error\n:HTTP_STATUS/400\ndata:{"code":"DataInspectionFailed","message":"blocked","request_id":"r2"}\n\n';
    const context = contextAnswering(() => new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    const error = await failure(postSse(context, request, () => {}));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.contentBlocked, status: 400, requestId: 'r2' });
  });

  // Issue 29, §4: the body says what it is, not its Content-Type.
  const ARREARAGE = '{"code":"Arrearage","message":"Access denied, please make sure your account is in good standing.","request_id":"r5"}';
  it.each([
    ['a 200 event stream labelled application/json', `id:1\nevent:error\n:HTTP_STATUS/400\ndata:${ARREARAGE}\n\n`, 'application/json'],
    ['a 200 JSON error labelled text/event-stream', ARREARAGE, 'text/event-stream;charset=UTF-8'],
    ['a 200 JSON error with no Content-Type, after blank lines', `\n\n${ARREARAGE}`, ''],
  ])('reads the error of %s', async (_what, body, contentType) => {
    const response = new Response(body, { headers: contentType ? { 'content-type': contentType } : {} });
    if (!contentType) response.headers.delete('content-type');
    const error = await failure(postSse(contextAnswering(() => response), request, () => {}));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.arrearage, dashscopeCode: 'Arrearage', requestId: 'r5' });
  });

  it('reads audio events labelled application/json', async () => {
    const body = 'id:1\nevent:result\n:HTTP_STATUS/200\ndata:{"output":{"finish_reason":"stop"},"request_id":"r6"}\n\n';
    const events: unknown[] = [];
    const context = contextAnswering(() => new Response(body, { headers: { 'content-type': 'application/json' } }));
    expect(await postSse(context, request, (event) => events.push(event))).toEqual({ status: 200, requestId: 'r6' });
    expect(events).toHaveLength(1);
  });
});
