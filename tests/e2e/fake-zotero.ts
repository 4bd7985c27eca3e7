/**
 * A fake of the Zotero desktop app's local HTTP server on 127.0.0.1:23119 (plain HTTP), as
 * ../shared/docs/zotero.md §1, §3, §5 and §7 describe Zotero 9.0.2+/10: the request checks in Zotero's order
 * (Host → route → OPTIONS/HEAD → Content-Length → method → browser gate → content type → JSON), HTTP/1.0 answers
 * ended by closing the connection, `X-Zotero-Version` on every answer, connector save sessions (409 on a reused
 * id, updateSession/saveAttachment need a known session and item), and the read-only local API (403 when off,
 * `q`/`qmode=everything` substring search, empty fields omitted). "Not running" is `stop()`: the port refuses.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';

export const ZOTERO_PORT = 23119;

export interface ReceivedRequest { method: string; path: string; headers: IncomingMessage['headers']; json?: unknown; bytes?: number }

export interface SavedItem {
  sessionID: string;
  /** The item exactly as saveItems received it. */
  item: Record<string, unknown>;
  /** Tags as Zotero stores them: type 1 from the item (automatic), type 0 from updateSession (manual). */
  tags: { tag: string; type: number }[];
  note?: string;
  target?: string;
  attachments: { title: string; contentType: string; bytes: number; parentItemID: string }[];
  key: string;
}

interface Session { id: string; itemIds: Set<string>; saved: SavedItem[] }

export interface ZoteroOptions {
  version?: string;
  /** The collection selected in Zotero's window. */
  selected?: { libraryID: number; libraryName: string; id: number | null; name: string };
  libraryEditable?: boolean;
  filesEditable?: boolean;
  /** Zotero's "automatic tags" preference: off drops tags sent inside items. */
  automaticTags?: boolean;
  localApi?: boolean;
}

const KEY_CHARS = '23456789ABCDEFGHIJKLMNPQRSTUVWXYZ';
const randomKey = () => Array.from({ length: 8 }, () => KEY_CHARS[Math.floor(Math.random() * KEY_CHARS.length)]).join('');

export class FakeZotero {
  readonly requests: ReceivedRequest[] = [];
  readonly saved: SavedItem[] = [];
  /** Items already in the user's library before the test (local API data shape). */
  readonly library: Record<string, unknown>[] = [];
  /** saveItems answers 500 for items whose archiveID is listed (Zotero's "any other failure"). */
  readonly failArchiveIds = new Set<string>();
  options: Required<ZoteroOptions>;
  private sessions = new Map<string, Session>();
  private server?: Server;
  private sockets = new Set<Socket>();

  constructor(options: ZoteroOptions = {}) {
    this.options = {
      version: '7.0.32', selected: { libraryID: 1, libraryName: 'My Library', id: 42, name: 'Reading' },
      libraryEditable: true, filesEditable: true, automaticTags: true, localApi: false, ...options,
    };
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks), res.socket!));
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ZOTERO_PORT, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Zotero quits: the port refuses connections. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  reset(): void {
    this.requests.length = 0;
    this.saved.length = 0;
    this.failArchiveIds.clear();
  }

  /** HTTP/1.0, no Content-Length for a body: it ends when Zotero closes the connection. */
  private reply(socket: Socket, status: number, type: string | undefined, body = '', extra: Record<string, string> = {}): void {
    const reason: Record<number, string> = { 200: 'OK', 201: 'Created', 304: 'Not Modified', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error', 501: 'Not Implemented' };
    const headers = [`HTTP/1.0 ${status} ${reason[status] ?? ''}`, `X-Zotero-Version: ${this.options.version}`, 'X-Zotero-Connector-API-Version: 3'];
    if (type) headers.push(`Content-Type: ${type}`);
    if (!body) headers.push('Content-Length: 0');
    for (const [k, v] of Object.entries(extra)) headers.push(`${k}: ${v}`);
    socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
  }

  private json(socket: Socket, status: number, value: unknown, extra?: Record<string, string>): void {
    this.reply(socket, status, 'application/json', JSON.stringify(value), extra);
  }

  private handle(req: IncomingMessage, body: Buffer, socket: Socket): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const h = req.headers;
    const record: ReceivedRequest = { method, path: `${url.pathname}${url.search}`, headers: h };
    this.requests.push(record);
    // 1. Host
    if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(h.host ?? '')) return this.reply(socket, 400, 'text/plain', 'Invalid Host header');
    // 2. Route
    const route = ROUTES[url.pathname] ?? (url.pathname.startsWith('/api/') ? API_ROUTE : undefined);
    if (!route) return this.reply(socket, 404, 'text/plain', 'No endpoint found');
    // 3. HEAD/OPTIONS: 200, empty, no CORS headers.
    if (method === 'HEAD' || method === 'OPTIONS') return this.reply(socket, 200, undefined);
    // 4. Body length
    if (['POST', 'PUT', 'PATCH'].includes(method) && !/^\d+$/.test(h['content-length'] ?? '')) return this.reply(socket, 400, 'text/plain', 'Content-length not provided');
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) return this.reply(socket, 501, 'text/plain', 'Method not implemented');
    // 5. Method
    if (!route.methods.includes(method)) return this.reply(socket, 400, 'text/plain', 'Endpoint does not support method');
    // 6. Browser gate (9.0.2+): a browser without either header is dropped without an answer.
    const browser = (h['user-agent'] ?? '').startsWith('Mozilla/') || h.origin !== undefined;
    const allowed = Boolean(h['x-zotero-connector-api-version'] || h['zotero-allowed-request']);
    if (browser && !allowed && !(url.pathname === '/connector/ping' && method === 'GET' && h['sec-fetch-mode'] === 'navigate')) {
      socket.destroy();
      return;
    }
    // 7. Content type, then JSON.
    const type = (h['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (method === 'POST' && route.types && !route.types.includes(type)) return this.reply(socket, 400, 'text/plain', 'Endpoint does not support content-type');
    let data: unknown;
    if (method === 'POST' && type === 'application/json') {
      try {
        data = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return this.reply(socket, 400, 'text/plain', 'Invalid JSON provided');
      }
      record.json = data;
    } else if (body.length) {
      record.bytes = body.length;
    }
    route.run(this, { method, url, headers: h, data, body, socket });
  }

  // ── endpoints ──

  ping(c: Ctx): void {
    if (c.method === 'GET') return this.reply(c.socket, 200, 'text/html', '<!DOCTYPE html><html><body>Zotero is running</body></html>');
    this.json(c.socket, 200, { prefs: { automaticSnapshots: true, downloadAssociatedFiles: true, supportsAttachmentUpload: true, supportsTagsAutocomplete: true, canUserAddNote: true, translatorsHash: 'x', sortedTranslatorHash: 'y' } });
  }

  selectedCollection(c: Ctx): void {
    const s = this.options.selected;
    const targets = [{ id: `L${s.libraryID}`, name: s.libraryName, filesEditable: this.options.filesEditable, level: 0 },
      ...(s.id !== null ? [{ id: `C${s.id}`, name: s.name, filesEditable: this.options.filesEditable, level: 1 }] : [])];
    this.json(c.socket, 200, {
      libraryID: s.libraryID, libraryName: s.libraryName, libraryEditable: this.options.libraryEditable, filesEditable: this.options.filesEditable,
      editable: this.options.libraryEditable, id: s.id, name: s.id !== null ? s.name : s.libraryName, targets, tags: {},
    });
  }

  saveItems(c: Ctx): void {
    const d = c.data as { sessionID?: string; items?: Record<string, unknown>[] };
    if (!Array.isArray(d.items)) return this.reply(c.socket, 500, 'text/plain', 'An error occurred');
    const sessionID = d.sessionID ?? randomKey();
    if (this.sessions.has(sessionID)) return this.json(c.socket, 409, { error: 'SESSION_EXISTS' });
    if (!this.options.libraryEditable) return this.json(c.socket, 500, { libraryEditable: false });
    if (d.items.some((i) => this.failArchiveIds.has(String(i.archiveID)))) return this.reply(c.socket, 500, 'text/plain', 'An error occurred');
    const session: Session = { id: sessionID, itemIds: new Set(), saved: [] };
    this.sessions.set(sessionID, session);
    const target = this.options.selected.id !== null ? `C${this.options.selected.id}` : `L${this.options.selected.libraryID}`;
    for (const item of d.items) {
      const tags = this.options.automaticTags ? ((item.tags as (string | { tag: string })[] | undefined) ?? []).map((t) => ({ tag: typeof t === 'string' ? t : t.tag, type: 1 })) : [];
      const saved: SavedItem = { sessionID, item, tags, target, attachments: [], key: randomKey() };
      session.itemIds.add(String(item.id));
      session.saved.push(saved);
      this.saved.push(saved);
    }
    // ≥ 7.0.16: 201 with an empty body.
    this.reply(c.socket, 201, 'application/json');
  }

  updateSession(c: Ctx): void {
    const d = c.data as { sessionID?: string; target?: string; tags?: string[] | string; note?: string };
    if (!d.sessionID) return this.json(c.socket, 400, { error: 'SESSION_ID_NOT_PROVIDED' });
    const session = this.sessions.get(d.sessionID);
    if (!session) return this.json(c.socket, 400, { error: 'SESSION_NOT_FOUND' });
    if (!d.target) return this.reply(c.socket, 500, 'text/plain', 'An error occurred');
    const s = this.options.selected;
    if (d.target !== `L${s.libraryID}` && d.target !== `C${s.id}`) return this.json(c.socket, 400, { error: 'COLLECTION_NOT_FOUND' });
    const tags = typeof d.tags === 'string' ? d.tags.split(',').map((t) => t.trim()).filter(Boolean) : d.tags ?? [];
    for (const saved of session.saved) {
      // Manual tags replace the previous manual ones; automatic ones stay.
      saved.tags = [...saved.tags.filter((t) => t.type === 1), ...tags.map((tag) => ({ tag, type: 0 }))];
      saved.target = d.target;
      if (d.note !== undefined) saved.note = d.note;
    }
    this.reply(c.socket, 200, 'application/json', '{}');
  }

  saveAttachment(c: Ctx): void {
    const raw = c.headers['x-metadata'];
    if (typeof raw !== 'string') return this.json(c.socket, 400, { error: 'METADATA_NOT_PROVIDED' });
    const sessionID = c.url.searchParams.get('sessionID');
    if (!sessionID) return this.json(c.socket, 400, { error: 'SESSION_ID_NOT_PROVIDED' });
    const session = this.sessions.get(sessionID);
    if (!session) return this.json(c.socket, 400, { error: 'SESSION_NOT_FOUND' });
    let meta: { parentItemID?: string; title?: string; contentType?: string; url?: string };
    try {
      meta = JSON.parse(raw);
    } catch {
      return this.reply(c.socket, 500, 'text/plain', 'An error occurred');
    }
    const parent = session.saved.find((s) => String(s.item.id) === meta.parentItemID);
    if (!parent || !meta.url || !meta.title) return this.reply(c.socket, 500, 'text/plain', 'An error occurred');
    if (!this.options.filesEditable) return this.reply(c.socket, 200, 'text/plain', 'Library files are not editable.');
    parent.attachments.push({ title: meta.title, contentType: String(c.headers['content-type']), bytes: c.body.length, parentItemID: meta.parentItemID! });
    this.reply(c.socket, 201, 'application/json');
  }

  /** Local API (read-only), users/0 and no groups. */
  localApi(c: Ctx): void {
    if (!this.options.localApi) return this.reply(c.socket, 403, 'text/plain', 'Local API is not enabled');
    const apiHeaders = { 'Zotero-API-Version': '3', 'Zotero-Schema-Version': '41' };
    const version = c.headers['zotero-api-version'] ?? c.url.searchParams.get('v');
    if (version !== undefined && version !== null && version !== '3') return this.reply(c.socket, 501, 'text/plain', 'Unsupported API version');
    const path = c.url.pathname;
    const user = /^\/api\/users\/(\d+)\//.exec(path);
    if (user && user[1] !== '0') return this.reply(c.socket, 400, 'text/plain', 'Only userID 0 is supported');
    if (path === '/api/users/0/groups') return this.json(c.socket, 200, [], { ...apiHeaders, 'Total-Results': '0' });
    if (path !== '/api/users/0/items/top' && path !== '/api/users/0/items') return this.reply(c.socket, 404, 'text/plain', 'Not found');
    const all = [...this.library, ...this.saved.map((s) => ({ key: s.key, ...withoutConnectorKeys(s.item), tags: s.tags }))];
    const q = c.url.searchParams.get('q');
    const qmode = c.url.searchParams.get('qmode') ?? 'titleCreatorYear';
    const words = q ? q.toLowerCase().split(/\s+/).filter(Boolean) : [];
    const haystack = (item: Record<string, unknown>) => (qmode === 'everything' || qmode === 'fields'
      ? JSON.stringify(item) : `${String(item.title ?? '')} ${JSON.stringify(item.creators ?? [])} ${String(item.date ?? '').slice(0, 4)}`).toLowerCase();
    const matched = all.filter((item) => words.every((w) => haystack(item).includes(w)));
    const start = Number(c.url.searchParams.get('start') ?? 0);
    const limit = c.url.searchParams.get('limit');
    const page = limit ? matched.slice(start, start + Number(limit)) : matched.slice(start);
    this.json(c.socket, 200, page.map((data) => apiItem(data)), { ...apiHeaders, 'Total-Results': String(matched.length), 'Last-Modified-Version': '0' });
  }
}

interface Ctx { method: string; url: URL; headers: IncomingMessage['headers']; data: unknown; body: Buffer; socket: Socket }
interface Route { methods: string[]; types?: string[]; run(z: FakeZotero, c: Ctx): void }

const JSON_ONLY = ['application/json'];
const ROUTES: Record<string, Route> = {
  '/connector/ping': { methods: ['GET', 'POST'], types: ['application/json', 'text/plain'], run: (z, c) => z.ping(c) },
  '/connector/getSelectedCollection': { methods: ['POST'], types: JSON_ONLY, run: (z, c) => z.selectedCollection(c) },
  '/connector/saveItems': { methods: ['POST'], types: JSON_ONLY, run: (z, c) => z.saveItems(c) },
  '/connector/updateSession': { methods: ['POST'], types: JSON_ONLY, run: (z, c) => z.updateSession(c) },
  '/connector/saveAttachment': { methods: ['POST'], run: (z, c) => z.saveAttachment(c) },
};
const API_ROUTE: Route = { methods: ['GET'], run: (z, c) => z.localApi(c) };

/** `_copyJSONItemForImport` drops these before import. */
function withoutConnectorKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { attachments: _a, notes: _n, id: _i, ...rest } = item;
  return rest;
}

/** The local API's item shape, empty fields omitted ("new" toJSON mode). */
function apiItem(data: Record<string, unknown>): Record<string, unknown> {
  const key = String(data.key ?? randomKey());
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== '' && v !== undefined && !(Array.isArray(v) && v.length === 0 && v !== data.tags)));
  return {
    key, version: 0, library: { type: 'user', id: 0, name: 'My Library', links: {} },
    links: { self: { href: `http://127.0.0.1:23119/api/users/0/items/${key}`, type: 'application/json' } },
    meta: { numChildren: 0 },
    data: { key, version: 0, tags: [], collections: [], relations: {}, dateAdded: '2026-01-01T00:00:00Z', dateModified: '2026-01-01T00:00:00Z', ...clean },
  };
}
