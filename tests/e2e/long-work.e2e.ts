import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { ENGLISH_SCRIPT, speechWav } from '../support/audio-fixtures';
import { addSampleWithAudio } from '../support/catalog-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

describe('long work: progress and cancelling', () => {
  let mock: MockDashScope;
  let app: TimbreSession;

  beforeAll(async () => {
    mock = await startMockDashScope({ region: 'cn-beijing' });
    app = await launchTimbre({ dashscopeBaseUrl: mock.baseUrl, envApiKey: mock.apiKey, noKeychain: true });
    const sample = addSampleWithAudio(app.userDataDir, { id: 'sample-1', displayName: 'Morning reading', transcript: ENGLISH_SCRIPT, language: 'en' }, speechWav({ text: ENGLISH_SCRIPT }));
    app.core.services.catalog.putSample(sample);
  });
  afterAll(async () => {
    await app?.close();
    await mock?.close();
  });

  it('takes back a clone that is still waiting for the network: nothing is sent later', async () => {
    const { page } = app;
    await mock.setReachable(false);
    try {
      await page.getByTestId(TEST_IDS.navLibrary).click();
      await page.getByTestId(TEST_IDS.librarySampleClone).click();
      await page.getByTestId(TEST_IDS.enrollConsent).check();
      await page.getByTestId(TEST_IDS.enrollSubmit).click();

      const item = page.getByTestId(TEST_IDS.enrollProgressItem);
      await expect.poll(() => item.getAttribute('data-status'), { timeout: 20_000 }).toBe('waiting-network');
      expect(await page.getByTestId(TEST_IDS.enrollProgress).getByRole('status').innerText()).toBe('0 of 1 ready');
      await page.getByTestId(TEST_IDS.enrollCancel).click();
      await item.waitFor({ state: 'detached' });
    } finally {
      await mock.setReachable(true);
    }

    // Gone from the catalog and from the outbox: back online, nothing reaches DashScope.
    expect(app.core.services.catalog.listVoices()).toEqual([]);
    const library = await page.evaluate(() => window.timbre.library.list());
    expect(library).toMatchObject({ ok: true, value: { voices: [], jobs: [] } });
    expect(await page.evaluate(() => window.timbre.enroll.sendNow())).toEqual({ ok: true, value: undefined });
    expect(mock.requests.filter((request) => request.target === 'create')).toEqual([]);
    // The form offers the model again.
    expect(await page.getByTestId(TEST_IDS.enrollSubmit).isVisible()).toBe(true);
  });
});
