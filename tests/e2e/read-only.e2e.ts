/**
 * A data folder on a read-only disk: Timbre opens, shows what is there, names the folder in a
 * banner on every screen, and refuses a change in plain words instead of pretending to keep it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSample, makeVoice } from '../support/catalog-fixtures';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk';
import { launchTimbre, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

let session: TimbreSession | null = null;
let disk: SmallDisk | null = null;
afterAll(async () => {
  await session?.close();
  disk?.unmount();
});

describe('a read-only data folder', () => {
  it('opens with a banner that names the folder, shows the catalog, and says why a change is not kept', async (context) => {
    const mounted = mountSmallDisk();
    if (typeof mounted === 'string') return context.skip(mounted);
    disk = mounted;
    const dataDir = join(disk.dir, 'Timbre');
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    writeFileSync(join(dataDir, 'preferences.json'), JSON.stringify({ schemaVersion: 2, onboardingDone: true }));
    writeFileSync(join(dataDir, 'catalog.json'), JSON.stringify({
      schemaVersion: 2, samples: { s1: makeSample({ id: 's1' }) }, hiddenRemote: [], notices: [],
      voices: { v1: makeVoice({ id: 'v1', sampleId: 's1', displayName: 'Reading voice', voice: 'qwen-tts-vc-reading-voice-20260110173000123-ab12' }) },
    }));
    disk.readOnly();

    session = await launchTimbre({ userDataDir: dataDir, noKeychain: true, onboarding: true });
    const { page } = session;
    const banner = page.getByTestId(TEST_IDS.readOnlyBanner);
    await banner.waitFor();
    expect(await banner.innerText()).toContain(dataDir);

    await page.getByTestId(TEST_IDS.navLibrary).click();
    await page.getByText('Reading voice').first().waitFor();
    expect(await page.getByTestId(TEST_IDS.readOnlyBanner).count()).toBe(1);

    // A change is refused, and the user is told why.
    await page.getByTestId(TEST_IDS.navSettings).click();
    await page.getByTestId(TEST_IDS.settingsTheme).locator('input[value="dark"]').click();
    await page.getByText('Timbre cannot save to its data folder (it is read-only)').waitFor();
  });
});
