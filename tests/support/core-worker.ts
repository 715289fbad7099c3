/**
 * The real core in a child process, doing what a user does as fast as it can, for the tests that
 * kill it with SIGKILL at a random moment. Prints one JSON line per acknowledged operation (what
 * the user would have been told succeeded): `{ op, id, ... }`, and `deleting` before a delete. Usage: `node --import tsx core-worker.ts <dataDir> <seed>`.
 */
import { createCore } from '../../electron/main/core';

const [dataDir, seedText] = process.argv.slice(2);
let seed = Number(seedText) || 1;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const ack = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

const core = await createCore({
  dataDir, appVersion: '0.0.0-test', platform: 'linux', systemLocale: 'en-US', secretStore: null,
  emit: () => {}, openPath: async () => {}, log: { info: () => {}, warn: () => {}, error: () => {} },
});
const invoke = async (channel: string, input: unknown) => {
  const result = await core.router.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as Record<string, unknown>;
};
ack({ op: 'started' });

const saved: string[] = [];
for (let step = 0; ; step++) {
  // Merge the journal now and then, so kills also land in the middle of a merge.
  if (step % 7 === 0) void core.services.catalog.flush();
  const roll = random();
  if (roll < 0.5 || saved.length < 2) {
    // A take of a few KB whose bytes say which step made it.
    const bytes = new Uint8Array(2000 + Math.floor(random() * 20_000)).fill(step % 251);
    bytes.set([0x1a, 0x45, 0xdf, 0xa3]);
    const sample = await invoke('samples.saveRecording', { bytes, mime: 'audio/webm', language: 'en', transcript: `take ${step}` });
    saved.push(sample.id as string);
    ack({ op: 'saved', id: sample.id, fill: step % 251, bytes: bytes.length });
  } else if (roll < 0.8) {
    const id = saved[Math.floor(random() * saved.length)];
    await invoke('samples.update', { id, displayName: `name ${step}` });
    ack({ op: 'renamed', id, displayName: `name ${step}` });
  } else {
    const [id] = saved.splice(Math.floor(random() * saved.length), 1);
    // Said before: a delete the kill interrupts may or may not have happened.
    ack({ op: 'deleting', id });
    await invoke('samples.delete', { id });
    ack({ op: 'deleted', id });
  }
}
