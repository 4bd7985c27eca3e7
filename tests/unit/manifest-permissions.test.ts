/**
 * Permissions and bundle budgets, read from the source manifest and the BUILT extensions (npm test builds first).
 * The promise (issue 6, product.md): required host access is exactly arXiv + huggingface.co over https; anything else
 * is optional, and nothing broad (`<all_urls>`, `*://*\/*`, http:) appears anywhere. The one http pattern is the optional
 * loopback origin of the Zotero desktop app (issue 14), asked for from a button.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { OPTIONAL_SITES } from '../../src/shared/other-sites';

const dist = path.resolve(process.env.PP_DIST ?? 'dist');
const REQUIRED_HOSTS = ['https://arxiv.org/*', 'https://*.arxiv.org/*', 'https://huggingface.co/*'];
/** Zotero's local server (src/shared/zotero.ts): plain HTTP on this computer only, optional. */
const ZOTERO_LOOPBACK = 'http://127.0.0.1/*';
/** The manifest keys that grant access to web origins. */
/** `scripting`: the optional sites' content scripts are registered at run time, once granted (issue 15). */
const API_PERMISSIONS_ALLOWED = new Set(['storage', 'alarms', 'notifications', 'contextMenus', 'activeTab', 'scripting']);

type Manifest = {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[] }[];
  web_accessible_resources?: unknown[];
};

function load(file: string): Manifest {
  if (!existsSync(file)) throw new Error(`${file} missing: run \`npm run build\` (with PP_DIST=${process.env.PP_DIST ?? ''}) first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

const manifests: [string, string][] = [
  ['source', path.resolve('manifest.json')],
  ['chrome build', path.join(dist, 'chrome/manifest.json')],
  ['firefox build', path.join(dist, 'firefox/manifest.json')],
];

/** A match pattern broader than one named host (or not https). */
function isBroad(pattern: string): boolean {
  if (pattern === '<all_urls>') return true;
  const m = /^([^:]+):\/\/([^/]*)\//.exec(pattern);
  if (!m) return true; // unparseable: treat as broad
  const [, scheme, host] = m as unknown as [string, string, string];
  if (scheme !== 'https') return true;
  // `*` alone or `*.tld` (e.g. `*.org`) is every site; `*.arxiv.org` names one site's subdomains.
  return host === '*' || /^\*\.[^.]+$/.test(host) || host === '';
}

describe.each(manifests)('%s manifest', (_name, file) => {
  const manifest = load(file);

  test('required host permissions are exactly arXiv and huggingface.co over https', () => {
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual([...REQUIRED_HOSTS].sort());
  });

  test('no broad pattern anywhere: host permissions, optional ones, content-script matches', () => {
    const everyPattern = [
      ...(manifest.host_permissions ?? []),
      ...(manifest.optional_host_permissions ?? []).filter((p) => p !== ZOTERO_LOOPBACK),
      ...(manifest.content_scripts ?? []).flatMap((c) => c.matches),
    ];
    expect(everyPattern.length).toBeGreaterThan(0);
    expect(everyPattern.filter(isBroad)).toEqual([]);
    // MV2-style host patterns hidden in `permissions` would grant access too.
    const all = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])];
    expect(all.filter((p) => p.includes('://') || p === '<all_urls>')).toEqual([]);
  });

  test('the Zotero loopback origin is optional only, never required', () => {
    expect(manifest.optional_host_permissions).toContain(ZOTERO_LOOPBACK);
    expect(manifest.host_permissions).not.toContain(ZOTERO_LOOPBACK);
  });

  test('content scripts only run on arXiv and on huggingface.co\'s Papers pages (not every HF page)', () => {
    const hfPapers = new Set(['https://huggingface.co/papers*', 'https://huggingface.co/*/papers*', 'https://huggingface.co/collections/*']);
    const patterns = (manifest.content_scripts ?? []).flatMap((c) => c.matches);
    for (const pattern of patterns) {
      if (!hfPapers.has(pattern)) expect(pattern).toMatch(/^https:\/\/(\*\.)?arxiv\.org\//);
    }
    expect(patterns.filter((p) => p.startsWith('https://huggingface.co/')).sort()).toEqual([...hfPapers].sort());
  });

  test('every optional site\'s origins are optional host permissions, never required, and its bundle is no static script', () => {
    for (const site of OPTIONAL_SITES) {
      for (const origin of site.origins) {
        expect(manifest.optional_host_permissions).toContain(origin);
        expect(manifest.host_permissions).not.toContain(origin);
      }
      // Its script matches stay inside what it asks for.
      for (const match of site.matches) expect(site.origins.some((o) => match.startsWith(o.slice(0, -1)))).toBe(true);
      expect((manifest.content_scripts ?? []).flatMap((c) => (c as { js?: string[] }).js ?? [])).not.toContain(site.js);
    }
  });

  test('API permissions are the known small set', () => {
    expect((manifest.permissions ?? []).filter((p) => !API_PERMISSIONS_ALLOWED.has(p))).toEqual([]);
    // Nothing exposes extension files to web pages (fingerprinting / clickjacking surface).
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });
});

describe('the broad-pattern check itself', () => {
  test.each(['<all_urls>', '*://*/*', 'https://*/*', 'http://arxiv.org/*', 'https://*.org/*', 'ftp://arxiv.org/*'])('%s is broad', (p) => {
    expect(isBroad(p)).toBe(true);
  });
  test.each(REQUIRED_HOSTS)('%s is not', (p) => expect(isBroad(p)).toBe(false));
});

describe('bundle size budgets (gzip)', () => {
  const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file))).length;
  test.each(['chrome', 'firefox'])('%s: content scripts (arXiv paper pages, arXiv listings, HF Papers) ≤ 12 KB each, popup ≤ 40 KB', (target) => {
    const paper = gz(`${target}/content-paper.js`);
    const list = gz(`${target}/content-list.js`);
    const hf = gz(`${target}/content-hf.js`);
    const popup = gz(`${target}/popup.js`);
    console.info(`${target}: content-paper.js ${paper} B gzip, content-list.js ${list} B, content-hf.js ${hf} B, popup.js ${popup} B gzip`);
    expect(paper).toBeLessThanOrEqual(12 * 1024);
    expect(list).toBeLessThanOrEqual(12 * 1024);
    expect(hf).toBeLessThanOrEqual(12 * 1024);
    expect(popup).toBeLessThanOrEqual(40 * 1024);
  });
  test.each(['chrome', 'firefox'])('%s: each optional site\'s content script ≤ 8 KB', (target) => {
    for (const site of OPTIONAL_SITES) {
      const size = gz(`${target}/${site.js}`);
      console.info(`${target}: ${site.js} ${size} B gzip`);
      expect(size).toBeLessThanOrEqual(8 * 1024);
    }
  });
});
