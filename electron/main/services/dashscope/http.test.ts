/** Answers the mock does not give (a proxy's HTML page, a server ignoring the SSE header), through a stub fetch. */
import { describe, expect, it } from 'vitest';
import { resolveContext } from './context';
import { DASHSCOPE_ERROR, DashScopeError } from './errors';
import { postJson, postSse } from './http';
import { rejectionOf } from '../../../../tests/support/rejection';

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

  it('turns an event that is not JSON into a bad response', async () => {
    const context = contextAnswering(() => new Response('data:{oops\n\n', { headers: { 'content-type': 'text/event-stream' } }));
    expect((await failure(postSse(context, request, () => {}))).code).toBe(DASHSCOPE_ERROR.badResponse);
  });

  it('maps an in-band error event by its code and HTTP_STATUS comment', async () => {
    const body = 'id:1\nevent:error\n:HTTP_STATUS/400\ndata:{"code":"DataInspectionFailed","message":"blocked","request_id":"r2"}\n\n';
    const context = contextAnswering(() => new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    const error = await failure(postSse(context, request, () => {}));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.contentBlocked, status: 400, requestId: 'r2' });
  });
});
