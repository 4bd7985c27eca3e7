/**
 * How much of a page load's main-thread work is the extension's, from Chromium's own instruments over CDP:
 * - script: the V8 sampling profiler (100 µs); a sample counts when any frame of its stack is a chrome-extension://
 *   script (the content script runs in its own isolated world, but on the page's main thread and isolate);
 * - style/layout: every UpdateLayoutTree and Layout event of the page's main thread over the whole load; the bench
 *   compares loads with a feature on and off (one frame can't tell: whether the page's own big layout lands before or
 *   after DOMContentLoaded depends on when the parser yields);
 * - long tasks: main-thread RunTask events over 50 ms that contain an extension sample, and among them those the
 *   extension made long (without its own samples the task would be ≤ 50 ms) — the page's own parse task, in which a
 *   DOMContentLoaded listener necessarily runs, is the page's long task, not ours.
 */
import type { CDPSession } from 'playwright-core';

interface ProfileNode { id: number; parent?: number; children?: number[]; callFrame: { url: string; functionName: string; lineNumber?: number; columnNumber?: number } }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }
interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: { type?: string } } }

export interface ExtensionShare {
  /** Extension script over the whole load (every sample with an extension frame on its stack). */
  scriptMs: number;
  /** UpdateLayoutTree + Layout over the whole load: the page's own plus whatever the extension's DOM writes added. */
  layoutMs: number;
  /** Main-thread tasks over 50 ms that hold extension samples. */
  longTasks: number;
  /** Those of them that would be ≤ 50 ms without the extension's script in them. */
  longTasksMadeLong: number;
  /** Each long task holding extension samples: its length and the extension's share, e.g. "172 ms task, 6 ms ours". */
  longTaskNotes: string[];
  /** Extension samples that fell inside no main-thread task (clock sanity check; should be ~0). */
  unmatchedSamples: number;
}

export async function startInstruments(cdp: CDPSession): Promise<() => Promise<ExtensionShare>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => void events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata'] },
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    return analyse(profile, events);
  };
}

export function analyse(profile: Profile, events: TraceEvent[]): ExtensionShare {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    let known = memo.get(id);
    if (known === undefined) {
      const p = parent.get(id);
      known = byId.get(id)?.callFrame.url.startsWith('chrome-extension://') || (p !== undefined && isOurs(p));
      memo.set(id, known);
    }
    return known;
  };

  // BENCH_PROFILE=1: where the extension's samples go — its innermost own frame, and the native/page leaf under it.
  const blamed = new Map<string, number>();
  const dclAt = events.find((e) => e.name === 'MarkDOMContent')?.ts ?? Infinity;
  const blame = (id: number, dur: number, ts: number) => {
    const leaf = byId.get(id)!.callFrame;
    let own = id;
    while (!byId.get(own)!.callFrame.url.startsWith('chrome-extension://')) own = parent.get(own)!;
    const f = byId.get(own)!.callFrame;
    const key = `${ts < dclAt ? 'parse ' : 'dcl+  '}${f.functionName || '(anon)'}@${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}${own === id ? '' : ` > ${leaf.functionName || leaf.url}`}`;
    blamed.set(key, (blamed.get(key) ?? 0) + dur);
  };
  const printBlame = () => console.log(`profile: ${([...blamed.values()].reduce((a, b) => a + b, 0) / 1000).toFixed(1)} ms of extension samples\n` + [...blamed].sort((a, b) => b[1] - a[1]).slice(0, 80).map(([k, v]) => `  ${(v / 1000).toFixed(1).padStart(6)} ms  ${k}`).join('\n'));

  // Sample times on the trace clock (both are TimeTicks in µs).
  let t = profile.startTime;
  const samples: { ts: number; dur: number }[] = [];
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (isOurs(id)) samples.push({ ts: t, dur: profile.timeDeltas[i + 1] ?? 100 });
    if (isOurs(id) && process.env.BENCH_PROFILE) blame(id, profile.timeDeltas[i + 1] ?? 100, t);
  });
  if (process.env.BENCH_PROFILE) printBlame();
  const sum = (xs: { dur?: number }[]) => xs.reduce((total, x) => total + (x.dur ?? 0), 0);

  // The page's main thread: the one that parsed the HTML.
  const parse = events.find((e) => e.name === 'ParseHTML');
  const main = events.filter((e) => parse && e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X');
  const tasks = main.filter((e) => e.name === 'RunTask' && e.dur !== undefined);
  const within = (task: TraceEvent) => samples.filter((s) => s.ts >= task.ts && s.ts <= task.ts + task.dur!);
  const long = tasks.filter((task) => task.dur! > 50_000 && within(task).length > 0);
  const inAnyTask = (ts: number) => tasks.some((task) => ts >= task.ts && ts <= task.ts + task.dur!);
  return {
    scriptMs: sum(samples) / 1000,
    layoutMs: sum(main.filter((e) => e.name === 'UpdateLayoutTree' || e.name === 'Layout')) / 1000,
    longTasks: long.length,
    longTasksMadeLong: long.filter((task) => task.dur! - sum(within(task)) <= 50_000).length,
    longTaskNotes: long.map((task) => `${Math.round(task.dur! / 1000)} ms task, ${Math.round(sum(within(task)) / 1000)} ms ours`),
    unmatchedSamples: samples.filter((s) => !inAnyTask(s.ts)).length,
  };
}
