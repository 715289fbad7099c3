import { describe, expect, it } from 'vitest';
import { snippetsFor } from './snippets';

describe('snippets for an Omni voice', () => {
  const voice = { voice: 'qwen-omni-vc-Beton-voice-20261206081800123-ab12', targetModel: 'qwen3.5-omni-flash', region: 'cn-beijing', language: 'zh' } as const;

  it('speak through the OpenAI-compatible chat endpoint, streamed, with the voice and its model', () => {
    const [curl, python] = snippetsFor(voice);
    expect(curl.tool).toBe('curl');
    expect(curl.code).toContain('https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions');
    expect(curl.code).not.toContain('multimodal-generation');
    const body = JSON.parse(/-d '(.*)' \\$/m.exec(curl.code)![1]) as Record<string, unknown>;
    expect(body).toMatchObject({
      model: 'qwen3.5-omni-flash', modalities: ['text', 'audio'], audio: { voice: voice.voice, format: 'wav' }, stream: true,
      messages: [{ role: 'user', content: expect.stringContaining('你好，这是我克隆的声音。') }],
    });
    expect(python.code).toContain('base_url="https://dashscope.aliyuncs.com/compatible-mode/v1"');
    expect(python.code).toContain('stream=True');
  });

  it('use a custom address beside its /api/v1', () => {
    const [curl] = snippetsFor({ ...voice, region: 'custom' }, 'https://proxy.example.com/dash/api/v1');
    expect(curl.code).toContain('https://proxy.example.com/dash/compatible-mode/v1/chat/completions');
  });
});
