/**
 * Papers stored in two parts (background/paper-cache/parts.ts, db.ts): split and join give back the record, the text
 * hash tells any edit of the text, and a refresh rewrites the text row only when its text changed — checked on the
 * real Daily Papers fixture over a real (fake-indexeddb) database.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { joinPaper, splitPaper, textHash } from '../../src/background/paper-cache/parts';
import { parseDailyPapers } from '../../src/shared/hf-schema';

const daily = JSON.parse(readFileSync(path.resolve('../shared/fixtures/hf-api/real/daily_papers.date-2026-08-21.json'), 'utf8'));
const T = Date.UTC(2026, 7, 21, 9, 30);
const papers = parseDailyPapers(daily, T, '2026-08-21');

beforeEach(async () => {
  vi.resetModules();
  const { DB_NAME } = await import('../../src/background/db');
  await new Promise((resolve, reject) => Object.assign(indexedDB.deleteDatabase(DB_NAME), { onsuccess: resolve, onerror: reject }));
});

describe('paper parts', () => {
  test('split + join give back every record of the fixture; the counts part carries no text', () => {
    for (const paper of papers) {
      const { text, counts } = splitPaper(paper);
      expect(counts).not.toHaveProperty('summary');
      expect(counts).not.toHaveProperty('title');
      expect(joinPaper({ ...counts, t: 'x', h: textHash(text) }, text)).toEqual(Object.fromEntries(Object.entries(paper).filter(([, v]) => v !== undefined)));
    }
  });

  test('the text hash changes with any edit: a swapped letter, a moved author, a field gone, a keyword split', () => {
    const paper = papers.find((p) => (p.aiKeywords?.length ?? 0) > 1 && p.authors.length > 1)!;
    const { text } = splitPaper(paper);
    const base = textHash(text);
    expect(textHash(splitPaper({ ...paper }).text)).toBe(base);
    const i = text.summary.indexOf('the');
    const swapped = `${text.summary.slice(0, i)}teh${text.summary.slice(i + 3)}`;
    const variants = [
      { ...text, summary: swapped },
      { ...text, authors: [...text.authors].reverse() },
      { ...text, aiSummary: undefined },
      { ...text, aiSummary: '' },
      { ...text, aiKeywords: [text.aiKeywords!.join('')] },
      { ...text, title: `${text.title} ` },
    ];
    const hashes = variants.map(textHash);
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(new Set(papers.map((p) => textHash(splitPaper(p).text))).size).toBe(papers.length);
  });

  test('a refresh with the same text writes counts only; changed text is merged into the same row', async () => {
    const db = await import('../../src/background/db');
    await db.putLists([], papers);
    const database = await db.db();
    const target = papers[0]!;
    const t = (await database.get('paperShards', db.shardKey(target.id)))!.papers[target.id]!.t;
    // Markers in the stored text row: the paper's title changed behind the cache's back (a rewrite from the incoming
    // records would put the real title back), and a foreign entry (an overwrite instead of a merge would drop it).
    const row = (await database.get('paperText', t))!;
    await database.put('paperText', { ...row, papers: { ...row.papers, [target.id]: { ...row.papers[target.id]!, title: 'marker' }, marker: { title: 'kept', authors: [], summary: '' } } });

    await db.putLists([], papers.map((p) => ({ ...p, upvotes: p.upvotes + 2, fetchedAt: T + 3_600_000 })));
    expect((await database.get('paperText', t))!.papers[target.id]!.title).toBe('marker');
    expect((await database.get('paperText', t))!.papers.marker).toBeDefined();
    expect(await db.getPaperRecord(target.id)).toMatchObject({ upvotes: target.upvotes + 2, summary: target.summary, fetchedAt: T + 3_600_000 });

    await db.putLists([], [{ ...target, summary: `${target.summary} (v2)`, fetchedAt: T + 7_200_000 }]);
    const after = (await database.get('paperText', t))!;
    expect(after.papers.marker).toBeDefined(); // merged into the row, not overwritten
    expect(after.papers[target.id]!.summary).toBe(`${target.summary} (v2)`);
    expect(after.papers[target.id]!.title).toBe(target.title);
    expect(await db.getPaperRecord(target.id)).toMatchObject({ summary: `${target.summary} (v2)`, upvotes: target.upvotes, fetchedAt: T + 7_200_000 });
    database.close();
  });
});
