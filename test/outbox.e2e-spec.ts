import { OutboxService, type StoredEvent } from '../src/jobs/outbox.service.js';
import { WorkflowService } from '../src/workflow/workflow.service.js';
import { createTestApp, type TestApp } from './app.js';

/** The outbox relay: every event reaches every subscriber at least once, through failures and crashes. */
describe('the outbox relay', () => {
  let t: TestApp;
  let outbox: OutboxService;
  const seen: Record<string, string[]> = { steady: [], flaky: [], broken: [] };
  let flakyFailures = 0;

  beforeAll(async () => {
    t = await createTestApp({ env: { JOBS_ENABLED: 'false' } });
    outbox = t.app.get(OutboxService);
    const record = (name: string) => (events: StoredEvent[]) => void seen[name].push(...events.map((e) => String(e.payload.n)));
    outbox.subscribe({ name: 'steady', types: ['test.*'], handle: async (events) => record('steady')(events) });
    outbox.subscribe({
      name: 'flaky',
      types: ['test.flaky'],
      handle: async (events) => {
        record('flaky')(events);
        if (flakyFailures-- > 0) throw new Error('下游暂不可用');
      },
    });
    outbox.subscribe({
      name: 'broken',
      types: ['test.broken'],
      handle: async (events) => {
        record('broken')(events);
        throw new Error('一直失败');
      },
    });
  });
  afterAll(() => t.close());

  const announce = (type: string, n: number) =>
    t.app.get(WorkflowService).transaction((w) => w.announce([{ type, aggregateType: 'Test', aggregateId: String(n), payload: { n } }]));
  const row = (n: number) => t.prisma.outboxEvent.findFirstOrThrow({ where: { aggregateId: String(n) } });
  const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

  it('delivers at once after the commit, and again after a handler failed once (at least once)', async () => {
    flakyFailures = 1;
    await announce('test.flaky', 1);
    expect(seen.flaky).toEqual(['1']);
    expect(seen.steady).toEqual(['1']);
    const failed = await row(1);
    expect(failed).toMatchObject({ processedAt: null, attempts: 1, doneSubscribers: ['steady'], lastError: 'flaky: 下游暂不可用' });

    // Not yet due: the backoff holds it back.
    expect(await outbox.sweep()).toEqual({ delivered: 0, failed: 0 });
    expect(await outbox.sweep({ now: later(10) })).toEqual({ delivered: 1, failed: 0 });
    expect(seen.flaky).toEqual(['1', '1']);
    // The subscriber that had already handled it is not called again.
    expect(seen.steady).toEqual(['1']);
    expect((await row(1)).processedAt).not.toBeNull();
    expect(await outbox.sweep({ now: later(3600) })).toEqual({ delivered: 0, failed: 0 });
  });

  it('an event whose writer died before delivering it is delivered by the sweep, once its grace period is over', async () => {
    // The transaction commits, but nothing dispatches: as if the process were killed right after the commit.
    await t.prisma.$transaction((tx) => outbox.add(tx, [{ type: 'test.orphan', aggregateType: 'Test', aggregateId: '2', payload: { n: 2 } }]));
    expect(seen.steady).not.toContain('2');
    expect(await outbox.sweep()).toEqual({ delivered: 0, failed: 0 }); // still within the writer's grace period
    expect(await outbox.sweep({ now: later(60) })).toEqual({ delivered: 1, failed: 0 });
    expect(seen.steady.filter((n) => n === '2')).toEqual(['2']);
  });

  it('an event rolled back with its transaction is never delivered', async () => {
    await expect(
      t.app.get(WorkflowService).transaction(async (w) => {
        await w.announce([{ type: 'test.rolled-back', aggregateType: 'Test', aggregateId: '3', payload: { n: 3 } }]);
        throw new Error('写入失败');
      }),
    ).rejects.toThrow('写入失败');
    expect(await t.prisma.outboxEvent.count({ where: { aggregateId: '3' } })).toBe(0);
    expect(seen.steady).not.toContain('3');
  });

  it('gives up after repeated failures (dead letter), shows it, and delivers it when an operator retries', async () => {
    await announce('test.broken', 4);
    for (let i = 1; i <= 10; i++) await outbox.sweep({ now: later(3600 * i) });
    const dead = await row(4);
    expect(dead.deadAt).not.toBeNull();
    expect(dead.attempts).toBe(8);
    expect(seen.broken.length).toBe(8);
    expect(await outbox.stats()).toMatchObject({ dead: 1 });
    expect(await outbox.sweep({ now: later(3600 * 20) })).toEqual({ delivered: 0, failed: 0 });

    expect(await outbox.retryDead()).toBe(1);
    expect(await outbox.sweep({ now: later(60) })).toEqual({ delivered: 0, failed: 1 });
    expect((await row(4)).deadAt).toBeNull();
  });

  it('two dispatchers never take the same event', async () => {
    await t.prisma.$transaction((tx) =>
      outbox.add(
        tx,
        Array.from({ length: 40 }, (_, i) => ({ type: 'test.race', aggregateType: 'Test', aggregateId: `r${i}`, payload: { n: `r${i}` } })),
      ),
    );
    const [a, b] = await Promise.all([outbox.sweep({ now: later(60), limit: 25 }), outbox.sweep({ now: later(60), limit: 25 })]);
    expect(a.delivered + b.delivered).toBe(40);
    const race = seen.steady.filter((n) => n.startsWith('r'));
    expect(race.length).toBe(40);
    expect(new Set(race).size).toBe(40);
  });
});
