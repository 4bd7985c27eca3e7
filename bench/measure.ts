/**
 * How much of a page load's main-thread work is the extension's, from Chromium's own instruments over CDP:
 * - script: the V8 sampling profiler (100 µs); a sample counts when any frame of its stack is a chrome-extension://
 *   script (the content script runs in its own isolated world, but on the page's main thread and isolate);
 * - per feature: samples whose stack holds one of the feature's functions (the bench's content.js keeps names);
 * - style/layout it causes: the first UpdateLayoutTree and Layout trace events after the feature's last sample
 *   (an upper bound: if the page's own first layout happens in that frame, it is counted as ours);
 * - long tasks: main-thread RunTask events over 50 ms that contain an extension sample.
 */
import type { CDPSession } from 'playwright-core';

interface ProfileNode { id: number; parent?: number; children?: number[]; callFrame: { url: string; functionName: string } }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }
interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: { type?: string } } }

export interface ExtensionShare {
  scriptMs: number;
  /** The part of scriptMs whose stack holds one of the `feature` functions (bench builds keep function names). */
  featureMs: number;
  /** Long tasks that contain a sample of the feature. */
  featureLongTasks: number;
  styleLayoutMs: number;
  longTasks: number;
  /** UpdateLayoutTree + Layout of the first frame after DOMContentLoaded (the page's own, plus whatever we added). */
  frameAfterDclMs: number;
  /** Each long task holding feature samples: its length and the feature's share, e.g. "72 ms task, 18 ms ours". */
  longTaskNotes: string[];
  /** Extension samples that fell inside no main-thread task (clock sanity check; should be ~0). */
  unmatchedSamples: number;
}

export async function startInstruments(cdp: CDPSession, feature: ReadonlySet<string> = new Set()): Promise<() => Promise<ExtensionShare>> {
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
    return analyse(profile, events, feature);
  };
}

export function analyse(profile: Profile, events: TraceEvent[], feature: ReadonlySet<string>): ExtensionShare {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackHas = (test: (n: ProfileNode) => boolean) => {
    const memo = new Map<number, boolean>();
    const has = (id: number): boolean => {
      let known = memo.get(id);
      if (known === undefined) {
        const node = byId.get(id);
        const p = parent.get(id);
        known = (node !== undefined && test(node)) || (p !== undefined && has(p));
        memo.set(id, known);
      }
      return known;
    };
    return has;
  };
  const isOurs = stackHas((n) => n.callFrame.url.startsWith('chrome-extension://'));
  const isFeature = stackHas((n) => n.callFrame.url.startsWith('chrome-extension://') && feature.has(n.callFrame.functionName));

  // Sample times on the trace clock (both are TimeTicks in µs).
  let t = profile.startTime;
  const samples: { ts: number; dur: number; feature: boolean }[] = [];
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (isOurs(id)) samples.push({ ts: t, dur: profile.timeDeltas[i + 1] ?? 100, feature: isFeature(id) });
  });
  const scriptMs = samples.reduce((sum, s) => sum + s.dur, 0) / 1000;
  const featureMs = samples.reduce((sum, s) => sum + (s.feature ? s.dur : 0), 0) / 1000;

  // The page's main thread: the one that parsed the HTML.
  const parse = events.find((e) => e.name === 'ParseHTML');
  const main = events.filter((e) => parse && e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X');
  const tasks = main.filter((e) => e.name === 'RunTask' && e.dur !== undefined);
  const inTask = (ts: number) => tasks.find((task) => ts >= task.ts && ts <= task.ts + task.dur!);
  let unmatchedSamples = 0;
  const longWithUs = new Set<TraceEvent>();
  const longWithFeature = new Set<TraceEvent>();
  for (const s of samples) {
    const task = inTask(s.ts);
    if (!task) unmatchedSamples++;
    else if (task.dur! > 50_000) (s.feature ? longWithFeature : longWithUs).add(task);
  }
  for (const task of longWithFeature) longWithUs.add(task);

  const dcl = main.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'DOMContentLoaded');
  const after = (name: string, ts: number) => main.find((e) => e.name === name && e.ts >= ts);
  const frameAfterDclMs = dcl ? ((after('UpdateLayoutTree', dcl.ts)?.dur ?? 0) + (after('Layout', dcl.ts)?.dur ?? 0)) / 1000 : NaN;
  const longTaskNotes = [...longWithFeature].map((task) => {
    const ours = samples.filter((x) => x.feature && x.ts >= task.ts && x.ts <= task.ts + task.dur!).reduce((sum, x) => sum + x.dur, 0);
    return `${Math.round(task.dur! / 1000)} ms task, ${Math.round(ours / 1000)} ms of it the feature`;
  });

  // After the feature's last sample when there is a feature, else after the extension's last one.
  const last = (feature.size > 0 ? samples.filter((x) => x.feature) : samples).at(-1)?.ts ?? Infinity;
  const firstAfter = (name: string) => main.find((e) => e.name === name && e.ts >= last);
  const styleLayoutMs = ((firstAfter('UpdateLayoutTree')?.dur ?? 0) + (firstAfter('Layout')?.dur ?? 0)) / 1000;
  return { scriptMs, featureMs, featureLongTasks: longWithFeature.size, styleLayoutMs, frameAfterDclMs, longTaskNotes, longTasks: longWithUs.size, unmatchedSamples };
}
