import { classify } from './summary.service.js';

describe('an item’s standing at year end (from the accepted annual report)', () => {
  const due2026 = new Date('2026-12-31');
  const due2027 = new Date('2027-06-30');
  it.each([
    ['completed', due2026, 'completed'],
    ['on_track', due2026, 'overdue'],
    ['delayed', due2026, 'overdue'],
    ['on_track', due2027, 'onTrack'],
    ['not_started', undefined, 'onTrack'],
    ['at_risk', due2027, 'behind'],
    ['delayed', undefined, 'behind'],
    [null, due2026, 'notReported'],
  ] as const)('%s, due %s → %s', (status, due, expected) => {
    expect(classify(status, due, 2026)).toBe(expected);
  });
});
