import { describe, expect, it } from 'vitest';
import { type SampleSummary, type VoiceRecord } from '../../../../shared/catalog';
import { voiceRecord } from '../../../../shared/catalog-schema';
import { allTags, filterVoices, indexVoices, NO_FILTERS, sortVoices } from './library-filter';

const voice = (fields: Partial<VoiceRecord> & { id: string }): VoiceRecord => voiceRecord.parse({
  sampleId: null, voice: null, targetModel: 'qwen3-tts-vc-2026-01-22', region: 'cn-beijing', preferredName: 'x', displayName: fields.id,
  language: 'zh', status: 'ready', createdAt: 0, updatedAt: 0, consentAt: null, ...fields,
});
const collator = new Intl.Collator('zh-CN');
const ids = (voices: VoiceRecord[]) => voices.map((item) => item.id);

const voices = [
  voice({ id: 'a', displayName: '小明的播客声音', createdAt: 3, tags: ['播客'], notes: 'warm and calm' }),
  voice({ id: 'b', displayName: 'Alice', preferredName: 'alice', voice: 'qwen-tts-vc-alice-voice-20260110173000123-ab12', createdAt: 1, language: 'en' }),
  voice({ id: 'c', displayName: 'Bob', targetModel: 'qwen3-tts-vc-realtime-2026-01-15', status: 'failed', createdAt: 2, sampleId: 's1' }),
];
const samples = new Map<string, SampleSummary>([['s1', { id: 's1', displayName: '会议录音', createdAt: 0, language: 'zh', transcript: '', durationSeconds: 12, hasAudio: true, enrollable: true }]]);
const find = (query: string, extra = {}) => ids(filterVoices(indexVoices(sortVoices(voices, 'created-desc', collator), samples), { ...NO_FILTERS, query, ...extra }));

describe('library search, filters and sort', () => {
  it('finds Chinese substrings, voice ids, tags, notes and sample names, ignoring case', () => {
    expect(find('播客')).toEqual(['a']);
    expect(find('小明')).toEqual(['a']);
    expect(find('VOICE-20260110')).toEqual(['b']);
    expect(find('calm warm')).toEqual(['a']);
    expect(find('会议')).toEqual(['c']);
    expect(find('nobody')).toEqual([]);
    expect(find('')).toEqual(['a', 'c', 'b']);
  });

  it('filters by model, language, status and tag', () => {
    expect(find('', { model: 'qwen3-tts-vc-realtime-2026-01-15' })).toEqual(['c']);
    expect(find('', { language: 'en' })).toEqual(['b']);
    expect(find('', { status: 'failed' })).toEqual(['c']);
    expect(find('', { tag: '播客' })).toEqual(['a']);
    expect(allTags(voices, collator)).toEqual(['播客']);
  });

  it('sorts by date, name, status and model', () => {
    expect(ids(sortVoices(voices, 'created-asc', collator))).toEqual(['b', 'c', 'a']);
    expect(ids(sortVoices(voices, 'name', new Intl.Collator('en')))).toEqual(['b', 'c', 'a']);
    expect(ids(sortVoices(voices, 'status', collator))[0]).toBe('c');
    expect(ids(sortVoices(voices, 'model', collator))).toEqual(['a', 'b', 'c']);
  });

  it('filters 10,000 voices within a frame per keystroke', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => voice({ id: `v${i}`, displayName: `声音 ${i}`, notes: `note ${i % 97}`, tags: [`t${i % 13}`], createdAt: i }));
    const index = indexVoices(sortVoices(many, 'name', collator), samples);
    const times: number[] = [];
    for (const query of ['声', '声音', '声音 9', '声音 99', '声音 999']) {
      const started = performance.now();
      filterVoices(index, { ...NO_FILTERS, query });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`library filter, 10,000 voices: median ${times[2].toFixed(2)} ms per keystroke (max ${times[4].toFixed(2)})`);
    expect(filterVoices(index, { ...NO_FILTERS, query: '声音 9999' }).map((item) => item.id)).toEqual(['v9999']);
  });
});
