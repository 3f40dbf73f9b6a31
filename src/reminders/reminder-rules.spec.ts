import { pointsAfter, pointsBefore, scanWindow } from './reminder-rules.js';
import { addWorkingDays, isWorkingDay, previousWorkingDay } from './working-calendar.js';

// Calendar facts (chinese-days): 2026-04-04..06 清明 off; 2026-05-01..05 劳动节 off; Sat 2026-05-09 a make-up working day.
describe('working days and scan windows', () => {
  it('knows holidays and make-up days', () => {
    expect(['2026-04-03', '2026-04-04', '2026-04-06', '2026-04-07', '2026-05-09', '2026-05-10'].map(isWorkingDay)).toEqual([true, false, false, true, true, false]);
    expect(previousWorkingDay('2026-04-07')).toBe('2026-04-03');
    expect(previousWorkingDay('2026-05-11')).toBe('2026-05-09');
    expect(addWorkingDays('2026-04-01', 2)).toBe('2026-04-03');
    expect(addWorkingDays('2026-04-02', 2)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-30', 1)).toBe('2026-05-06');
  });

  it('a scan covers the days off after it for reminders before a date, and the days off before it for reminders after', () => {
    expect(scanWindow('2026-04-03')).toEqual({ before: ['2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06'], after: ['2026-04-03'] });
    expect(scanWindow('2026-04-07')).toEqual({ before: ['2026-04-07'], after: ['2026-04-04', '2026-04-05', '2026-04-06', '2026-04-07'] });
    expect(scanWindow('2026-05-09')).toEqual({ before: ['2026-05-09', '2026-05-10'], after: ['2026-05-09'] });
    expect(scanWindow('2026-05-11')).toEqual({ before: ['2026-05-11'], after: ['2026-05-10', '2026-05-11'] });
    expect(scanWindow('2026-04-05')).toEqual({ before: [], after: [] });
  });

  it('points: T−k before the date, +k after it, then every n days after the last listed', () => {
    expect(pointsBefore('2026-04-05', [7, 3, 1], scanWindow('2026-04-03'))).toEqual(['2026-04-04']);
    expect(pointsBefore('2026-04-05', [7, 3, 1], scanWindow('2026-03-27'))).toEqual(['2026-03-29']);
    expect(pointsAfter('2026-04-05', [1, 3, 7], 7, scanWindow('2026-04-07'))).toEqual(['2026-04-06']);
    expect(pointsAfter('2026-04-05', [1, 3, 7], 7, scanWindow('2026-05-06'))).toEqual(['2026-05-03']);
    expect(pointsAfter('2026-04-05', [1, 3, 7], 0, scanWindow('2026-05-06'))).toEqual([]);
    expect(pointsAfter('2026-05-10', [1, 7], 30, scanWindow('2026-06-16'))).toEqual(['2026-06-16']);
  });
});
