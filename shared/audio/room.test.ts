import { describe, expect, it } from 'vitest';
import { ROOM, checkRoom } from './room';

const windows = (dbfs: number, count: number = ROOM.windows) => Array<number>(count).fill(10 ** (dbfs / 20));

describe('room check', () => {
  it('calls a room with a −65 dBFS floor quiet and one at −35 dBFS noisy', () => {
    expect(checkRoom(windows(-65))).toEqual({ floorDb: -65, verdict: 'quiet' });
    expect(checkRoom(windows(-35))).toEqual({ floorDb: -35, verdict: 'noisy' });
  });

  it('takes the floor from the quietest windows, so a word said during the count-in does not count', () => {
    expect(checkRoom([...windows(-20, 10), ...windows(-62, 14)]).verdict).toBe('quiet');
  });
});
