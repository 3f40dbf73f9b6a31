import { evaluateLight, type LightInputs } from './light-rules.js';

const base: LightInputs = { today: '2026-06-30', dueDate: '2026-12-31', startDate: '2026-01-01', percent: 50, completed: false, consecutiveMissing: 0, reportingStarted: true };

describe('traffic-light rules (defaults)', () => {
  it('green when on schedule', () => {
    expect(evaluateLight(base)).toEqual({ light: 'green', reasons: [] });
  });

  it('yellow when due within 30 days and not completed, red when past due', () => {
    expect(evaluateLight({ ...base, today: '2026-12-01', percent: 95 })).toMatchObject({ light: 'yellow', reasons: [{ code: 'DUE_SOON', daysLeft: 30 }] });
    expect(evaluateLight({ ...base, today: '2026-11-30', percent: 95 }).light).toBe('green');
    expect(evaluateLight({ ...base, today: '2027-01-02', percent: 95 })).toMatchObject({ light: 'red', reasons: [{ code: 'OVERDUE', daysOverdue: 2 }] });
  });

  it('yellow 10–30 points behind the time-proportional expectation (序时进度), red over 30', () => {
    // 2026-06-30 is 180 of 364 days in: expected 49%.
    expect(evaluateLight({ ...base, percent: 39 })).toMatchObject({ light: 'yellow', reasons: [{ behind: 10 }] });
    expect(evaluateLight({ ...base, percent: 40 }).light).toBe('green');
    expect(evaluateLight({ ...base, percent: 19 })).toMatchObject({ light: 'yellow', reasons: [{ behind: 30 }] });
    expect(evaluateLight({ ...base, percent: 18 })).toMatchObject({ light: 'red', reasons: [{ behind: 31 }] });
  });

  it('yellow after one missing report, red after two', () => {
    expect(evaluateLight({ ...base, consecutiveMissing: 1 })).toMatchObject({ light: 'yellow', reasons: [{ code: 'REPORTS_MISSING' }] });
    expect(evaluateLight({ ...base, consecutiveMissing: 2 })).toMatchObject({ light: 'red', reasons: [{ code: 'REPORTS_MISSING', missing: 2 }] });
  });

  it('an ongoing item (no due date) is never overdue nor behind', () => {
    expect(evaluateLight({ ...base, dueDate: null, today: '2040-01-01', percent: 0 })).toEqual({ light: 'green', reasons: [] });
  });

  it('a completed item is green whatever its dates', () => {
    expect(evaluateLight({ ...base, today: '2027-06-01', completed: true, consecutiveMissing: 3 })).toMatchObject({ light: 'green', reasons: [{ code: 'COMPLETED' }] });
  });

  it('keeps every reason and takes the worst light', () => {
    const r = evaluateLight({ ...base, today: '2026-12-15', percent: 10, consecutiveMissing: 1 });
    expect(r.light).toBe('red');
    expect(r.reasons.map((x) => x.code)).toEqual(['DUE_SOON', 'BEHIND_SCHEDULE', 'REPORTS_MISSING']);
  });

  it('names the original deadline when an extension moved it', () => {
    const r = evaluateLight({ ...base, today: '2027-03-20', dueDate: '2027-03-31', originalDueDate: '2026-12-31', percent: 95 });
    expect(r).toMatchObject({ light: 'yellow', reasons: [{ code: 'DUE_SOON', daysLeft: 11 }] });
    expect(r.reasons[0].message).toContain('原期限 2026-12-31');
  });

  it('before any report was due, progress is not judged: no data yet, not red — but a date still speaks', () => {
    const fresh = { ...base, percent: null, reportingStarted: false };
    expect(evaluateLight(fresh)).toEqual({ light: null, reasons: [expect.objectContaining({ code: 'NO_DATA_YET' })] });
    expect(evaluateLight({ ...fresh, today: '2026-12-10' })).toMatchObject({ light: 'yellow', reasons: [{ code: 'DUE_SOON' }] });
    expect(evaluateLight({ ...fresh, today: '2027-01-10' })).toMatchObject({ light: 'red', reasons: [{ code: 'OVERDUE' }] });
    // Once a report is due, the same lack of progress is red.
    expect(evaluateLight({ ...fresh, reportingStarted: true, percent: 0 })).toMatchObject({ light: 'red', reasons: [{ code: 'BEHIND_SCHEDULE' }] });
  });
});
