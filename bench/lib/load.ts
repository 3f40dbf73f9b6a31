import { existsSync, readFileSync } from 'node:fs';

/** Closed-loop load: `concurrency` workers call `fn` back to back for `durationMs`, after a warm-up. */
export interface Stats {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  /** Completed calls per second. */
  throughput: number;
  /** CPU the measured processes spent per completed call, when a CPU clock was given. */
  cpuMsPerRequest?: number;
}

/** Cumulative CPU milliseconds (user + system) of some processes. */
export type CpuClock = () => number;

/**
 * The CPU time of processes, from /proc (Linux): a figure that, unlike latency on a shared 2-core machine,
 * barely moves with what else runs. None where /proc is not there.
 */
export function processCpu(pids: number[]): CpuClock | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const tick = 1000 / 100; // USER_HZ is 100 on Linux whatever the kernel's HZ
  return () =>
    pids.reduce((sum, pid) => {
      // Fields after the command name, which may itself contain spaces and parentheses.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) * tick;
    }, 0);
}

function cpuPer(clock: CpuClock | undefined, before: number | undefined, requests: number): { cpuMsPerRequest?: number } {
  return clock && before !== undefined && requests > 0 ? { cpuMsPerRequest: (clock() - before) / requests } : {};
}

export async function runLoad(fn: (worker: number) => Promise<void>, opts: { concurrency: number; durationMs: number; warmupMs: number; cpu?: CpuClock }): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const phase = async (ms: number, record: boolean) => {
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: opts.concurrency }, async (_, worker) => {
        while (performance.now() < end) {
          const start = performance.now();
          try {
            await fn(worker);
            if (record) latencies.push(performance.now() - start);
          } catch (e) {
            if (record) errors++;
            firstError ??= e;
          }
        }
      }),
    );
  };
  await phase(opts.warmupMs, false);
  const started = performance.now();
  const cpuBefore = opts.cpu?.();
  await phase(opts.durationMs, true);
  const elapsed = (performance.now() - started) / 1000;
  if (latencies.length === 0) throw new Error(`no successful call: ${firstError instanceof Error ? firstError.message : firstError}`);
  // Calls that failed used CPU too: counted, so an erroring scenario does not look cheap.
  return { requests: latencies.length, errors, ...percentiles(latencies), throughput: latencies.length / elapsed, ...cpuPer(opts.cpu, cpuBefore, latencies.length + errors) };
}

/** Times `fn` `times` times in a row (for slow, heavyweight operations). */
export async function runSequential(fn: (i: number) => Promise<void>, times: number): Promise<Stats> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn(i);
    latencies.push(performance.now() - start);
  }
  return { requests: times, errors: 0, ...percentiles(latencies), throughput: times / ((performance.now() - started) / 1000) };
}

/**
 * `concurrency` workers run `fn` `iterations` times each; `fn` returns the milliseconds it wants counted,
 * so that it can put the data back between calls without that work being timed.
 */
export async function runTimed(fn: (worker: number, i: number) => Promise<number>, opts: { concurrency: number; iterations: number; cpu?: CpuClock }): Promise<Stats> {
  const latencies: number[] = [];
  let timed = 0;
  const cpuBefore = opts.cpu?.();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async (_, worker) => {
      for (let i = 0; i < opts.iterations; i++) {
        const ms = await fn(worker, i);
        latencies.push(ms);
        timed += ms;
      }
    }),
  );
  // Throughput as if the workers had only done the timed part, side by side.
  return { requests: latencies.length, errors: 0, ...percentiles(latencies), throughput: latencies.length / (timed / opts.concurrency / 1000), ...cpuPer(opts.cpu, cpuBefore, latencies.length) };
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
