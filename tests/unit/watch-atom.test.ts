/**
 * The arXiv Atom parser (src/background/watch/atom.ts) on the REAL API responses in ../shared/fixtures/arxiv-api/real/:
 * versions from <id>, updated, journal_ref, doi, the 400 error entry, ids absent from the answer, old-style ids,
 * and the legacy format's per-element namespaces and empty entries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseArxivFeed, parseEntryId } from '../../src/background/watch/atom';

const real = (name: string) => readFileSync(path.resolve('../shared/fixtures/arxiv-api/real', name), 'utf8');
const entriesOf = (name: string) => {
  const feed = parseArxivFeed(real(name));
  if (feed.kind !== 'entries') throw new Error(`${name}: ${feed.kind}`);
  return feed;
};

describe('arXiv Atom parser on real responses', () => {
  test('a paper asked by versioned id: id, version, dates, title', () => {
    const { entries } = entriesOf('id_list-2104.12255v1.xml');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: '2104.12255', version: 1 });
    expect(entries[0]!.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // This paper's title really is "0": it must stay the string, not become a number or vanish.
    expect(entries[0]!.title).toBe('0');
  });

  test('two ids asked, one unknown: only the known one comes back, totalResults says 1', () => {
    const feed = entriesOf('id_list-0808.05394,1707.08567.xml');
    expect(feed.entries.map((e) => e.id)).toEqual(['1707.08567']);
    expect(feed.totalResults).toBe(1);
    expect(feed.entries[0]!.comment).toMatch(/^44 pages/);
  });

  test('an impossible id: an empty feed, not an error', () => {
    expect(parseArxivFeed(real('id_list-0000.0000.xml'))).toEqual({ kind: 'entries', entries: [], totalResults: 0 });
  });

  test('old-style ids keep their archive, with and without a version asked', () => {
    expect(entriesOf('id_list-astro-ph_0601001.xml').entries[0]).toMatchObject({ id: 'astro-ph/0601001', version: 1 });
    expect(entriesOf('id_list-quant-ph_0201082v1.xml').entries[0]).toMatchObject({ id: 'quant-ph/0201082', version: 1 });
  });

  test('the 400 error feed is an error with arXiv\'s message, not a paper called "Error"', () => {
    expect(parseArxivFeed(real('id_list-abc.status400.xml'))).toEqual({ kind: 'error', message: 'incorrect id format for abc', slug: 'incorrect_id_format_for_abc' });
  });

  test('100 entries: versions > 1, journal refs and DOIs where arXiv has them, ids as strings', () => {
    const xml = real('search_query-testing.max100.xml');
    const { entries } = entriesOf('search_query-testing.max100.xml');
    expect(entries).toHaveLength(100);
    expect(entries.every((e) => typeof e.id === 'string' && e.version >= 1)).toBe(true);
    expect(entries.filter((e) => e.version > 1).length).toBe((xml.match(/<id>http:\/\/arxiv\.org\/abs\/[^<]+v([2-9]|\d\d+)<\/id>/g) ?? []).length);
    expect(entries.filter((e) => e.journalRef).length).toBe((xml.match(/<arxiv:journal_ref>/g) ?? []).length);
    expect(entries.flatMap((e) => e.dois).length).toBe((xml.match(/<arxiv:doi>/g) ?? []).length);
    const first = entries.find((e) => e.id === '2202.12139');
    expect(first?.journalRef).toMatch(/^Artificial Intelligence in Software Testing @ 2022 IEEE/);
    expect(first?.dois).toEqual(['10.1109/ICSTW55395.2022.00035']);
    // An entry with v2: updated (this version) is later than published (v1).
    const v2 = entries.find((e) => e.id === '2005.14124');
    expect(v2?.version).toBe(2);
    expect(v2!.updated > v2!.published).toBe(true);
  });

  test('truncated XML is malformed, never a half list', () => {
    const xml = real('search_query-testing.max100.xml');
    expect(parseArxivFeed(xml.slice(0, xml.length / 2)).kind).toBe('malformed');
    expect(parseArxivFeed('<html><body>Service Unavailable</body></html>').kind).toBe('malformed');
  });

  test('legacy format: namespaces on each element, wrapped title, an empty entry for a missing id', () => {
    const legacy = real('id_list-2104.12255v1.xml')
      .replace(/<feed [^>]*>/, '<feed xmlns="http://www.w3.org/2005/Atom">')
      .replace(/<arxiv:(\w+)/g, '<arxiv:$1 xmlns:arxiv="http://arxiv.org/schemas/atom"')
      .replace(/<opensearch:(\w+)>/g, '<opensearch:$1 xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">')
      .replace(/(<entry>\s*<id>[^<]*<\/id>\s*<title>)([^<]*)/, (_m, head: string, title: string) => `${head}${title.replace(/ /, '\n  ')}`)
      .replace('</feed>', '<entry><category term="" scheme="http://arxiv.org/schemas/atom"/></entry></feed>');
    const modern = entriesOf('id_list-2104.12255v1.xml').entries[0]!;
    const feed = parseArxivFeed(legacy);
    expect(feed.kind === 'entries' && feed.entries).toEqual([modern]);
  });

  test('entry ids: http + version; error ids are not papers', () => {
    expect(parseEntryId('http://arxiv.org/abs/2406.12345v12')).toEqual({ id: '2406.12345', version: 12 });
    expect(parseEntryId('https://arxiv.org/api/errors#incorrect_id_format_for_abc')).toBeUndefined();
  });
});
