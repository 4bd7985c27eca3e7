/**
 * Fake Hugging Face data for the arXiv listing fixtures (shared by the listing E2E tests and `npm run bench`).
 *
 * The listing fixtures use synthetic ids (2606.27001, 2606.29999, …) that are not in corpus.json.gz, so the fake
 * server's corpus-derived lists would give them no chips at all. Instead we take REAL corpus records (real titles,
 * authors and upvotes), re-key them to the listing ids, and serve them as the Daily Papers `month=` lists the worker
 * asks for (background/paper-cache/bulk.ts: an id's submission month or the month after). Tests assert chips against THIS data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FakeServer, HfReply } from './fake-server';

interface CorpusRecord {
  id: string; title: string; summary: string; upvotes: number; publishedAt: string; authors: string[];
  ai_keywords?: string[]; ai_summary?: string; githubRepo?: string; dailyDate: string;
}

export const FIXTURES = path.resolve('../shared/fixtures/arxiv/reconstructed');

let corpusCache: CorpusRecord[] | undefined;
export function corpus(): CorpusRecord[] {
  corpusCache ??= (JSON.parse(gunzipSync(readFileSync(path.resolve('../shared/fixtures/hf-api/real/corpus.json.gz'))).toString('utf8')) as CorpusRecord[])
    .sort((a, b) => a.id.localeCompare(b.id));
  return corpusCache;
}

/**
 * Entry ids of a listing or search fixture, in page order, read with a regex straight from the file: an oracle that
 * does not share code with the content script's DOM extraction. Versions are dropped; old-style ids are kept.
 */
export function fixtureIds(file: string): string[] {
  const html = readFileSync(path.join(FIXTURES, file), 'utf8');
  const abs = /<a href\s*=\s*"(?:https:\/\/arxiv\.org)?\/abs\/([^"]+)"\s+title="Abstract"|<p class="list-title[^"]*"><a href="https:\/\/arxiv\.org\/abs\/([^"]+)"/g;
  return [...html.matchAll(abs)].map((m) => (m[1] ?? m[2]!).replace(/v\d+$/, ''));
}

const isNewStyle = (id: string) => /^\d{4}\.\d{4,5}$/.test(id);
/** Default choice of which entries HF "knows": two in three, so pages have chips AND plain entries. */
export const twoInThree = (id: string) => Number(id.split('.')[1]) % 3 !== 2;

export interface ListingData {
  /** id → upvotes, for every id the served lists contain. */
  expected: Map<string, number>;
  /** `YYYY-MM` → DailyPaperItem[] (upvotes desc), what `month=` answers. */
  byMonth: Map<string, unknown[]>;
}

/** Each known id is featured in its submission month (even number) or the next month (odd), like real papers. */
export function buildListingData(ids: readonly string[], known: (id: string) => boolean = twoInThree): ListingData {
  const records = corpus();
  const expected = new Map<string, number>();
  const byMonth = new Map<string, { item: unknown; upvotes: number }[]>();
  let next = 0;
  for (const id of new Set(ids)) {
    const month = isNewStyle(id) ? featuredMonth(id) : '';
    // HF Daily Papers began in May 2023: older papers are in no list (the worker doesn't ask for one either).
    if (month < '2023-05' || !known(id)) continue;
    const r = records[next++ % records.length]!;
    const day = `${month}-15T00:00:00.000Z`;
    const item = {
      paper: {
        id, title: r.title, summary: r.summary, publishedAt: r.publishedAt, upvotes: r.upvotes, submittedOnDailyAt: day,
        authors: r.authors.map((name, i) => ({ _id: (next * 1000 + i).toString(16).padStart(24, '0'), name, hidden: false })),
        ...(r.ai_summary ? { ai_summary: r.ai_summary } : {}),
        ...(r.ai_keywords ? { ai_keywords: r.ai_keywords } : {}),
      },
      title: r.title.replace(/\s*\n\s*/g, ' '), summary: r.summary, publishedAt: day, numComments: 0,
    };
    expected.set(id, r.upvotes);
    let list = byMonth.get(month);
    if (!list) byMonth.set(month, (list = []));
    list.push({ item, upvotes: r.upvotes });
  }
  return {
    expected,
    byMonth: new Map([...byMonth].map(([m, list]) => [m, list.sort((a, b) => b.upvotes - a.upvotes).map((x) => x.item)])),
  };
}

function featuredMonth(id: string): string {
  const [yymm = '', num = ''] = id.split('.');
  const y = 2000 + Number(yymm.slice(0, 2));
  const m = Number(yymm.slice(2)) + (Number(num) % 2 === 0 ? 0 : 1);
  return m === 13 ? `${y + 1}-01` : `${y}-${String(m).padStart(2, '0')}`;
}

/**
 * Serves every `month=` Daily Papers request from `data` (an empty list for other months, so no real corpus paper can
 * sneak in), paged with `limit`/`p` like HF. Other requests (today, week, trending, papers/{id}) fall through.
 */
export function serveListingData(fake: FakeServer, data: ListingData): () => void {
  return fake.hfOverride('/api/daily_papers', (_req, url): HfReply | undefined => {
    const month = url.searchParams.get('month');
    if (month === null || url.searchParams.has('sort')) return undefined;
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const p = Number(url.searchParams.get('p') ?? 0);
    const items = data.byMonth.get(month) ?? [];
    return { json: items.slice(p * limit, (p + 1) * limit) };
  });
}
