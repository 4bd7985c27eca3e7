/**
 * The source tree's import graph, as esbuild resolves it for the four bundles: no import cycles, and each execution
 * context imports only itself and src/shared (the worker alone owns IndexedDB and the network; shared code is pure).
 * The one allowed crossing: the options page reuses popup components (digest settings, reading-list import/export),
 * since both are extension pages with the same stylesheet vocabulary.
 */
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

const ENTRIES = ['src/content/paper-index.ts', 'src/content/list-index.ts', 'src/background/index.ts', 'src/popup/index.tsx', 'src/options/index.tsx'];

async function importGraph(): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const entry of ENTRIES) {
    const { metafile } = await esbuild.build({
      entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser',
      jsx: 'automatic', jsxImportSource: 'preact', logLevel: 'silent',
    });
    for (const [file, input] of Object.entries(metafile.inputs)) {
      if (!file.startsWith('src/')) continue;
      graph.set(file, input.imports.map((i) => i.path).filter((p) => p.startsWith('src/')));
    }
  }
  return graph;
}

/** Every cycle's files, found by depth-first search (white/grey/black). */
function cycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

const contextOf = (file: string): string => file.split('/')[1]!;
const allowed = (file: string, target: string): boolean =>
  contextOf(target) === contextOf(file) || contextOf(target) === 'shared' ||
  (contextOf(file) === 'options' && target.startsWith('src/popup/components/'));

describe('import graph', async () => {
  const graph = await importGraph();

  it('covers the whole source tree of the four bundles', () => {
    expect(graph.size).toBeGreaterThan(80);
    expect([...graph.keys()].some((f) => f.startsWith('src/background/reading-list/'))).toBe(true);
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps each context to itself and src/shared (options may reuse popup components)', () => {
    const crossings = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => !allowed(file, target)).map((target) => `${file} → ${target}`));
    expect(crossings).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });
});
