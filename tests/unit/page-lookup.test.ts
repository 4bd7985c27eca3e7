/**
 * A page load asks for its paper twice (the toolbar badge when the tab's address changes, the page's badge ~50 ms
 * later): background/paper-cache/page-lookup.ts hands the first answer to the page, once, and never past a write of
 * paper data or a settings change.
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

test('a navigation\'s lookup is handed to its page once; any other tab, paper or later ask reads again', async () => {
  const now = Date.now();
  await lookups.pageLookup(known.id, now); // cached first: a navigation's cold lookup writes the paper, which ends its own handoff
  const navigation = await lookups.lookupForNavigation(7, known.id, now);
  expect(navigation.state).toBe('found');
  if (navigation.state !== 'found') return;
  // The answer object itself is handed on: nothing was read again.
  expect(await lookups.lookupForPage(7, known.id, now + 50)).toBe(navigation);
  // Taken once: the tab's next ask (a reload: no address change) reads again, as do other tabs and late asks.
  expect(await lookups.lookupForPage(7, known.id, now + 60)).not.toBe(navigation);
  await lookups.lookupForNavigation(8, known.id, now);
  expect(await lookups.lookupForPage(9, known.id, now + 50)).not.toBe(navigation);
  await lookups.lookupForNavigation(8, known.id, now);
  expect(await lookups.lookupForPage(8, known.id, now + 2500)).not.toBe(navigation);
  expect(requests.filter((url) => url.includes(`/api/papers/${known.id}`))).toHaveLength(1);
});

test('a write of paper data or a settings change ends the handoff; an error is never handed on', async () => {
  const now = Date.now();
  const navigation = await lookups.lookupForNavigation(7, known.id, now);
  if (navigation.state !== 'found') throw new Error('fixture paper not found');
  await db.putPaper({ ...navigation.paper, upvotes: navigation.paper.upvotes + 1000, fetchedAt: Date.now() });
  const afterWrite = await lookups.lookupForPage(7, known.id, now + 50);
  expect(afterWrite.state === 'found' && afterWrite.paper.upvotes).toBe(navigation.paper.upvotes + 1000);

  failing = true;
  const unknownId = '2608.99999';
  const failed = await lookups.lookupForNavigation(7, unknownId, now);
  expect(failed.state).toBe('error');
  expect(await lookups.lookupForPage(7, unknownId, now + 50)).not.toBe(failed); // looked up again (HF's backoff answers it)
  failing = false;

  const handed = await lookups.lookupForNavigation(7, known.id, now);
  await fakeBrowser.storage.sync.set({ privacyMode: true });
  expect(await lookups.lookupForPage(7, known.id, now + 50)).not.toBe(handed);
});
