/**
 * A page load asks for its paper twice (the toolbar badge when the tab's address changes, the page's badge ~50 ms
 * later): background/paper-cache/page-lookup.ts shares the answer for a moment, and never past a write of paper data.
 * HF answers from a real Daily Papers response (its entries carry the papers/{id} shape).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

const daily = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8')) as { paper: { id: string } }[];
const known = daily[0]!.paper;
let failing = false;
const requests: string[] = [];
const fakeHf = (input: RequestInfo | URL) => {
  const url = String(input);
  requests.push(url);
  if (failing) return Promise.resolve(Response.json({ error: 'Service unavailable' }, { status: 503 }));
  const id = /\/api\/papers\/([^/?]+)$/.exec(new URL(url).pathname)?.[1];
  const paper = daily.find((entry) => entry.paper.id === id)?.paper;
  return Promise.resolve(paper ? Response.json(paper) : Response.json({ error: 'Not found' }, { status: 404 }));
};

let lookups: typeof import('../../src/background/paper-cache/page-lookup');
let db: typeof import('../../src/background/db');
beforeAll(async () => {
  vi.stubGlobal('fetch', fakeHf);
  lookups = await import('../../src/background/paper-cache/page-lookup');
  db = await import('../../src/background/db');
});
beforeEach(() => {
  fakeBrowser.reset();
  requests.length = 0;
  failing = false;
});

test('two askers within the moment get one answer; a write of the paper ends the sharing', async () => {
  const now = Date.now();
  const first = lookups.pageLookup(known.id, now);
  expect(lookups.pageLookup(known.id, now + 500)).toBe(first);
  const answer = await first;
  expect(answer.state).toBe('found');
  if (answer.state !== 'found') return;
  expect(requests.filter((url) => url.includes(`/api/papers/${known.id}`))).toHaveLength(1);

  await db.putPaper({ ...answer.paper, upvotes: answer.paper.upvotes + 1000, fetchedAt: Date.now() });
  const after = await lookups.pageLookup(known.id, now + 600);
  expect(after.state === 'found' && after.paper.upvotes).toBe(answer.paper.upvotes + 1000);
});

test('after the moment a lookup reads the cache again; an error is never shared', async () => {
  const now = Date.now() + 10_000; // clear of the previous test's answers
  const first = lookups.pageLookup(known.id, now);
  await first;
  expect(lookups.pageLookup(known.id, now + 2500)).not.toBe(first);

  failing = true;
  const unknownId = '2608.99999';
  const failed = lookups.pageLookup(unknownId, now);
  expect((await failed).state).toBe('error');
  expect(lookups.pageLookup(unknownId, now + 10)).not.toBe(failed);
});
