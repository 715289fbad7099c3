/**
 * Ready-to-run code that uses a cloned voice with its own target model (reference §5, §7): the HTTP
 * multimodal-generation endpoint for the non-realtime model, the realtime WebSocket for the others,
 * the OpenAI-compatible chat endpoint for an Omni model and the Omni-Realtime protocol for its realtime siblings.
 * The key is read from the DASHSCOPE_API_KEY environment variable, never written into the snippet.
 */
import {
  LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE, READ_VERBATIM_INSTRUCTION, REGION_BASE_URLS, compatibleModeBase, isOmniModel, isRealtimeModel,
  type Region, type SampleLanguage, type TargetModel,
} from '../../../../shared/models';

export interface SnippetVoice {
  voice: string;
  targetModel: TargetModel;
  region: Region;
  language: SampleLanguage | null;
}

export interface Snippet {
  /** Tab label: the tool the snippet runs with. */
  tool: 'curl' | 'websocat' | 'python';
  code: string;
}

const GENERATION_PATH = '/services/aigc/multimodal-generation/generation';

const SAMPLE_TEXT: Partial<Record<SampleLanguage, string>> = {
  zh: '你好，这是我克隆的声音。',
  ja: 'こんにちは、これは私のクローン音声です。',
  ko: '안녕하세요, 제 복제된 목소리입니다.',
};
const textFor = (language: SampleLanguage | null) => (language && SAMPLE_TEXT[language]) ?? 'Hello, this is my cloned voice.';

/** Python's opening of a realtime session: the socket with the key from the environment, and `send` with an event id. */
const pythonRealtimeSession = (url: string): string[] => [
  `# pip install websocket-client`,
  `import base64, json, os, uuid, wave`,
  `import websocket`,
  ``,
  `ws = websocket.create_connection(`,
  `    "${url}",`,
  `    header=[f"Authorization: Bearer {os.environ['DASHSCOPE_API_KEY']}"],`,
  `)`,
  `ws.recv()  # session.created`,
  ``,
  `def send(event):`,
  `    ws.send(json.dumps({**event, "event_id": f"event_{uuid.uuid4().hex}"}))`,
];

/** Python that saves the collected `pcm` (24 kHz, 16-bit, mono) as output.wav. */
const PYTHON_SAVE_PCM = [
  `with wave.open("output.wav", "wb") as file:  # 24 kHz, 16-bit, mono PCM`,
  `    file.setnchannels(1)`,
  `    file.setsampwidth(2)`,
  `    file.setframerate(24000)`,
  `    file.writeframes(bytes(pcm))`,
];

function endpoints(region: Region, customBaseUrl: string): { http: string; ws: string } {
  if (region !== 'custom') return REGION_BASE_URLS[region];
  // A custom base is `https://host[/prefix]/api/v1`; its realtime endpoint sits beside it (as in the client).
  const http = customBaseUrl.replace(/\/+$/, '') || 'https://YOUR-ENDPOINT/api/v1';
  return { http, ws: `${http.replace(/^http/, 'ws').replace(/\/api\/v1$/, '')}/api-ws/v1/realtime` };
}

/** Omni answers as an assistant (§7, S33): it is asked to read the text, streamed (it only streams), audio as base64 PCM16 24 kHz. */
function omniSnippets(voice: SnippetVoice, http: string, text: string): Snippet[] {
  const base = compatibleModeBase(http);
  const url = `${base}/chat/completions`;
  const prompt = `Read this aloud exactly as written: ${text}`;
  const body = JSON.stringify({
    model: voice.targetModel, messages: [{ role: 'user', content: prompt }], modalities: ['text', 'audio'],
    audio: { voice: voice.voice, format: 'wav' }, stream: true,
  });
  return [
    {
      tool: 'curl',
      code: [
        `# Needs curl, jq and sox. Omni only streams; its audio is base64 PCM, 24 kHz, 16-bit, mono.`,
        `curl -sSN -X POST "${url}" \\`,
        `  -H "Authorization: Bearer $DASHSCOPE_API_KEY" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d '${body.replace(/'/g, "'\\''")}' \\`,
        `  | sed -n 's/^data: //p' | grep -v '^\\[DONE\\]' \\`,
        `  | jq -r '.choices[0].delta.audio.data // empty' \\`,
        `  | while read -r chunk; do printf '%s' "$chunk" | base64 -d; done > output.pcm`,
        `sox -t raw -r 24000 -e signed -b 16 -c 1 output.pcm output.wav`,
      ].join('\n'),
    },
    {
      tool: 'python',
      code: [
        `# pip install openai`,
        `import base64, os, wave`,
        `from openai import OpenAI`,
        ``,
        `client = OpenAI(api_key=os.environ["DASHSCOPE_API_KEY"], base_url="${base}")`,
        `stream = client.chat.completions.create(`,
        `    model="${voice.targetModel}",`,
        `    messages=[{"role": "user", "content": ${JSON.stringify(prompt)}}],`,
        `    modalities=["text", "audio"],`,
        `    audio={"voice": "${voice.voice}", "format": "wav"},`,
        `    stream=True,  # Omni only streams`,
        `)`,
        `pcm, said = bytearray(), ""`,
        `for chunk in stream:`,
        `    if not chunk.choices:`,
        `        continue`,
        `    delta = chunk.choices[0].delta`,
        `    said += delta.content or ""`,
        `    audio = getattr(delta, "audio", None)`,
        `    if audio and audio.get("data"):`,
        `        pcm += base64.b64decode(audio["data"])`,
        ``,
        ...PYTHON_SAVE_PCM,
        `print("Saved output.wav; the model said:", said)`,
      ].join('\n'),
    },
  ];
}

/**
 * A realtime Omni model listens before it answers (Qwen-Omni-Realtime docs: audio input is required):
 * the text goes into the instructions and half a second of silence is the turn (§7; GUESSES Timbre
 * makes too, see omni-realtime.ts). Its audio is base64 PCM, 24 kHz, 16-bit, mono.
 */
function omniRealtimeSnippets(voice: SnippetVoice, ws: string, text: string): Snippet[] {
  const session = {
    modalities: ['text', 'audio'], voice: voice.voice, input_audio_format: 'pcm16', output_audio_format: 'pcm24',
    instructions: `${READ_VERBATIM_INSTRUCTION}${text}`,
  };
  return [{
    tool: 'python',
    code: [
      ...pythonRealtimeSession(`${ws}?model=${voice.targetModel}`),
      ``,
      `session = ${JSON.stringify(session)}`,
      `session["turn_detection"] = None  # manual turns: the client says when to answer`,
      `SILENCE = base64.b64encode(bytes(16000)).decode()  # the required audio turn: 0.5 s of 16 kHz 16-bit silence`,
      `send({"type": "session.update", "session": session})`,
      `send({"type": "input_audio_buffer.append", "audio": SILENCE})`,
      `send({"type": "input_audio_buffer.commit"})`,
      `send({"type": "response.create"})`,
      ``,
      `pcm, said = bytearray(), ""`,
      `while True:`,
      `    event = json.loads(ws.recv())`,
      `    if event["type"] == "response.audio.delta":`,
      `        pcm += base64.b64decode(event["delta"])`,
      `    elif event["type"] == "response.audio_transcript.delta":`,
      `        said += event["delta"]`,
      `    elif event["type"] == "error":`,
      `        raise RuntimeError(event["error"])  # a refused pcm24 names session.output_audio_format: try "pcm16"`,
      `    elif event["type"] == "response.done":`,
      `        break`,
      `ws.close()`,
      ``,
      ...PYTHON_SAVE_PCM,
      `print("Saved output.wav; the model said:", said)`,
    ].join('\n'),
  }];
}

export function snippetsFor(voice: SnippetVoice, customBaseUrl = ''): Snippet[] {
  const { http, ws } = endpoints(voice.region, customBaseUrl);
  const text = textFor(voice.language);
  if (isOmniModel(voice.targetModel)) {
    return isRealtimeModel(voice.targetModel) ? omniRealtimeSnippets(voice, ws, text) : omniSnippets(voice, http, text);
  }
  const languageType = voice.language ? LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE[voice.language] : 'Auto';

  if (!isRealtimeModel(voice.targetModel)) {
    const body = JSON.stringify({ model: voice.targetModel, input: { text, voice: voice.voice, language_type: languageType } });
    return [
      {
        tool: 'curl',
        code: [
          `# Needs curl and jq. The result URL is valid for 24 hours.`,
          `curl -sS -X POST "${http}${GENERATION_PATH}" \\`,
          `  -H "Authorization: Bearer $DASHSCOPE_API_KEY" \\`,
          `  -H "Content-Type: application/json" \\`,
          `  -d '${body}' \\`,
          `  | jq -r '.output.audio.url' | xargs curl -sS -o output.wav`,
        ].join('\n'),
      },
      {
        tool: 'python',
        code: [
          `# pip install requests`,
          `import os`,
          `import requests`,
          ``,
          `response = requests.post(`,
          `    "${http}${GENERATION_PATH}",`,
          `    headers={"Authorization": f"Bearer {os.environ['DASHSCOPE_API_KEY']}"},`,
          `    json={`,
          `        "model": "${voice.targetModel}",`,
          `        "input": {"text": ${JSON.stringify(text)}, "voice": "${voice.voice}", "language_type": "${languageType}"},`,
          `    },`,
          `    timeout=120,`,
          `)`,
          `response.raise_for_status()`,
          `audio_url = response.json()["output"]["audio"]["url"]  # valid for 24 hours`,
          `with open("output.wav", "wb") as file:`,
          `    file.write(requests.get(audio_url, timeout=120).content)`,
          `print("Saved output.wav")`,
        ].join('\n'),
      },
    ];
  }

  const url = `${ws}?model=${voice.targetModel}`;
  const session = { voice: voice.voice, mode: 'commit', response_format: 'pcm', sample_rate: 24000, language_type: languageType };
  const events = [
    { type: 'session.update', session },
    { type: 'input_text_buffer.append', text },
    { type: 'input_text_buffer.commit' },
    { type: 'session.finish' },
  ];
  return [
    {
      tool: 'websocat',
      code: [
        `# curl cannot speak WebSocket; websocat can. Needs websocat, jq and sox.`,
        `{`,
        ...events.map((event) => `  echo '${JSON.stringify(event)}'`),
        `  sleep 30  # keep the socket open until the server finishes and closes it`,
        `} | websocat -H "Authorization: Bearer $DASHSCOPE_API_KEY" "${url}" \\`,
        `  | jq -r 'select(.type == "response.audio.delta") | .delta' \\`,
        `  | while read -r chunk; do printf '%s' "$chunk" | base64 -d; done > output.pcm`,
        `sox -t raw -r 24000 -e signed -b 16 -c 1 output.pcm output.wav`,
      ].join('\n'),
    },
    {
      tool: 'python',
      code: [
        ...pythonRealtimeSession(url),
        ``,
        ...events.map((event) => `send(${JSON.stringify(event)})`),
        ``,
        `pcm = bytearray()`,
        `while True:`,
        `    event = json.loads(ws.recv())`,
        `    if event["type"] == "response.audio.delta":`,
        `        pcm += base64.b64decode(event["delta"])`,
        `    elif event["type"] == "error":`,
        `        raise RuntimeError(event["error"])`,
        `    elif event["type"] == "session.finished":`,
        `        break`,
        `ws.close()`,
        ``,
        ...PYTHON_SAVE_PCM,
        `print("Saved output.wav")`,
      ].join('\n'),
    },
  ];
}
