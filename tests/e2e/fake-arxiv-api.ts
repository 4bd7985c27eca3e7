/**
 * A fake of arXiv's query API (`export.arxiv.org/api/query`) for the unit and E2E suites, built from the REAL
 * responses in ../shared/fixtures/arxiv-api/real/: every entry is served as arXiv wrote it, and a test's edits (a new
 * version, a journal ref, a DOI, a withdrawal) rewrite that text. Behaves as ../shared/docs/arxiv-api.md §7 describes:
 * id_list split on commas, a 400 error feed for an id-less item, unknown ids silently omitted, max_results defaulting
 * to 10 and truncating, shuffled order; a request < 3 s after the previous one or while one is in flight gets 429 and
 * is counted as a spacing violation. Faults: 503, malformed XML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface FakeEntry {
  xml: string;
  version: number;
}

export interface ArxivApiRequest {
  time: number;
  ids: string[];
  status: number;
  /** max_results as sent (undefined = not sent: arXiv then truncates at 10). */
  maxResults?: string;
  /** Whether the request carried a Cookie header (the client must send none). */
  cookie: boolean;
}

export type ArxivFault = undefined | 503 | 'malformed';

const ID_LIKE = /\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}/;
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class FakeArxivApi {
  readonly requests: ArxivApiRequest[] = [];
  spacingViolations = 0;
  fault: ArxivFault;
  private readonly entries = new Map<string, FakeEntry>();
  private inFlight = 0;
  private lastStart = -Infinity;

  constructor(fixturesDir = path.resolve('../shared/fixtures')) {
    const dir = path.join(fixturesDir, 'arxiv-api/real');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.xml') && !f.includes('status400'))) {
      for (const xml of readFileSync(path.join(dir, file), 'utf8').match(/<entry>[\s\S]*?<\/entry>/g) ?? []) {
        const m = /<id>http:\/\/arxiv\.org\/abs\/(.+)v(\d+)<\/id>/.exec(xml);
        if (m) this.entries.set(m[1]!, { xml, version: Number(m[2]) });
      }
    }
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  version(id: string): number {
    return this.entry(id).version;
  }

  /** A replacement: vN everywhere in the entry, `updated` = now. A withdrawal is a new version with its comment. */
  newVersion(id: string, version: number, when = new Date(), comment?: string): void {
    const e = this.entry(id);
    let xml = e.xml.replace(new RegExp(`(${id.replace(/[./]/g, '\\$&')})v${e.version}`, 'g'), `$1v${version}`)
      .replace(/<updated>[^<]*<\/updated>/, `<updated>${when.toISOString().replace(/\.\d{3}Z$/, 'Z')}</updated>`);
    if (comment !== undefined) {
      xml = xml.replace(/\s*<arxiv:comment>[\s\S]*?<\/arxiv:comment>/, '');
      xml = xml.replace(/(<\/published>)/, `$1\n    <arxiv:comment>${escapeXml(comment)}</arxiv:comment>`);
    }
    this.entries.set(id, { xml, version });
  }

  /** Journal ref and DOI: added without a new version (jref.md). */
  setJournal(id: string, journalRef: string, doi?: string): void {
    const e = this.entry(id);
    let xml = e.xml.replace(/\s*<arxiv:journal_ref>[\s\S]*?<\/arxiv:journal_ref>/, '');
    xml = xml.replace(/(<arxiv:primary_category[^>]*\/>)/, `$1\n    <arxiv:journal_ref>${escapeXml(journalRef)}</arxiv:journal_ref>`);
    if (doi) xml = xml.replace(/\s*<\/entry>$/, `\n    <arxiv:doi>${escapeXml(doi)}</arxiv:doi>\n    <link href="https://doi.org/${escapeXml(doi)}" rel="related" title="doi"/>\n  </entry>`);
    this.entries.set(id, { ...e, xml });
  }

  /** Answers one GET /api/query. Call `done()` when the response has been sent (the fake tracks in-flight requests). */
  answer(url: URL, now = Date.now(), cookie = false): { status: number; body: string; done: () => void } {
    const ids = (url.searchParams.get('id_list') ?? '').split(',').filter(Boolean);
    const tooSoon = this.inFlight > 0 || now - this.lastStart < 3_000;
    this.lastStart = now;
    this.inFlight++;
    let finished = false;
    const done = () => {
      if (!finished) this.inFlight--;
      finished = true;
    };
    const reply = (status: number, body: string) => {
      this.requests.push({ time: now, ids, status, maxResults: url.searchParams.get('max_results') ?? undefined, cookie });
      return { status, body, done };
    };
    if (tooSoon) {
      this.spacingViolations++;
      return reply(429, 'Rate exceeded.');
    }
    if (this.fault === 503) return reply(503, '<html><body>Service Unavailable</body></html>');
    const bad = ids.find((id) => !ID_LIKE.test(id));
    if (bad !== undefined) return reply(400, errorFeed(bad, now));
    const max = Number(url.searchParams.get('max_results') ?? '10');
    const found = ids.flatMap((id) => (this.entries.has(id) ? [this.entries.get(id)!.xml] : []));
    // Relevance order, not request order: the client must key by the id in <id>.
    found.sort(() => Math.random() - 0.5);
    const body = feed(url, found.slice(0, max), found.length, max, now);
    return reply(200, this.fault === 'malformed' ? body.slice(0, Math.floor(body.length / 2)) : body);
  }

  private entry(id: string): FakeEntry {
    const e = this.entries.get(id);
    if (!e) throw new Error(`fake arXiv: no fixture entry for ${id}`);
    return e;
  }
}

const stamp = (now: number) => new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
const HEAD = '<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">';

function feed(url: URL, entries: string[], total: number, max: number, now: number): string {
  const q = `search_query=&amp;id_list=${escapeXml(url.searchParams.get('id_list') ?? '')}&amp;start=0&amp;max_results=${max}`;
  return `${HEAD}
  <id>https://arxiv.org/api/fake</id>
  <title>arXiv Query: ${q}</title>
  <updated>${stamp(now)}</updated>
  <opensearch:itemsPerPage>${max}</opensearch:itemsPerPage>
  <opensearch:totalResults>${total}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  ${entries.join('\n  ')}
</feed>
`;
}

function errorFeed(id: string, now: number): string {
  const slug = `incorrect_id_format_for_${id}`;
  return `${HEAD}
  <id>https://arxiv.org/</id>
  <title>arXiv Search Results</title>
  <updated>${stamp(now)}</updated>
  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>
  <opensearch:totalResults>1</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <entry>
    <id>https://arxiv.org/api/errors#${escapeXml(slug)}</id>
    <title>Error</title>
    <updated>${stamp(now)}</updated>
    <link href="https://arxiv.org/api/errors#${escapeXml(slug)}" rel="alternate" type="text/html"/>
    <summary>incorrect id format for ${escapeXml(id)}</summary>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
`;
}
