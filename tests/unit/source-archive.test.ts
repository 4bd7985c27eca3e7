/**
 * AMO's source review: from the source archive alone, a reviewer's `npm ci && npm run build` must give the Firefox
 * zip's files byte for byte. This packages the current build (scripts/package.ts), unpacks the source archive into a
 * temp folder, builds there and compares every file's SHA-256 with the zips' entries.
 *
 * `npm ci` takes ~30 s here, so by default the temp folder links this worktree's node_modules instead. That keeps the
 * claim honest only if node_modules is what `npm ci` installs from the archive's lockfile, so the test checks it:
 * the archive's package-lock.json is this one byte for byte, and npm's record of the installed tree
 * (node_modules/.package-lock.json) has every locked package at its locked version and integrity.
 * PP_REPRO_NPM_CI=1 runs the real `npm ci` in the temp folder instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIREFOX_SUMS, listFiles, makePackages, sha256, SOURCE_NOTES, type PackageFile } from '../../scripts/package';

const root = path.resolve('.');
const dist = path.resolve(process.env.PP_DIST ?? 'dist');
const realNpmCi = process.env.PP_REPRO_NPM_CI === '1';
type Lock = { packages: Record<string, { version?: string; integrity?: string; optional?: boolean; dev?: boolean }> };

let work: string;
let packages: PackageFile[];
let rebuilt: string;
let source: JSZip;

const zipNamed = (suffix: string) => packages.find((p) => p.file.endsWith(suffix))!.file;

/** name → SHA-256 of every file entry in a zip. */
async function entryHashes(zipFile: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(zipFile));
  const out: Record<string, string> = {};
  for (const entry of Object.values(zip.files).filter((e) => !e.dir)) out[entry.name] = sha256(await entry.async('nodebuffer'));
  return out;
}

function hashesOf(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, sha256(readFileSync(path.join(dir, f)))]));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'pp-source-'));
  packages = await makePackages({ root, dist, out: path.join(work, 'packages') });
  rebuilt = path.join(work, 'src');
  source = await JSZip.loadAsync(readFileSync(zipNamed('-source.zip')));
  for (const entry of Object.values(source.files).filter((e) => !e.dir)) {
    const file = path.join(rebuilt, entry.name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await entry.async('nodebuffer'));
  }
  if (realNpmCi) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: rebuilt, stdio: 'inherit' });
  else symlinkSync(path.join(root, 'node_modules'), path.join(rebuilt, 'node_modules'), 'dir');
  // The reviewer's command, with nothing of ours in the environment (no PP_DIST: the build goes to ./dist).
  const env = { ...process.env };
  delete env.PP_DIST;
  execFileSync('npm', ['run', 'build'], { cwd: rebuilt, env, stdio: 'pipe' });
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the source archive', () => {
  test.skipIf(realNpmCi)('node_modules linked in is what `npm ci` installs from the archive\'s lockfile', () => {
    const archived = readFileSync(path.join(rebuilt, 'package-lock.json'));
    expect(sha256(archived)).toBe(sha256(readFileSync(path.join(root, 'package-lock.json'))));
    const locked = (JSON.parse(archived.toString()) as Lock).packages;
    const installed = (JSON.parse(readFileSync(path.join(root, 'node_modules/.package-lock.json'), 'utf8')) as Lock).packages;
    const differ = Object.entries(installed).filter(([name, p]) => locked[name]?.version !== p.version || locked[name]?.integrity !== p.integrity);
    expect(differ.map(([name]) => name)).toEqual([]);
    // Only optional packages (other platforms' esbuild binaries and the like) may be locked but not installed.
    const missing = Object.entries(locked).filter(([name, p]) => name !== '' && !p.optional && !installed[name]);
    expect(missing.map(([name]) => name)).toEqual([]);
  });

  test('holds the build instructions, the lockfile and the build inputs, and nothing built or installed', () => {
    const names = Object.keys(source.files);
    for (const needed of [SOURCE_NOTES, FIREFOX_SUMS, 'package.json', 'package-lock.json', 'esbuild.config.ts', 'manifest.json', 'src/background/index.ts', 'icons/128.png']) {
      expect(names).toContain(needed);
    }
    expect(names.filter((n) => /^(node_modules|dist|artifacts)\//.test(n))).toEqual([]);
    const notes = readFileSync(path.join(rebuilt, SOURCE_NOTES), 'utf8');
    expect(notes).toContain('npm ci');
    expect(notes).toContain('npm run build');
    expect(notes).toContain(`Node ${process.version}`);
  });

  test('`npm run build` in it reproduces the Firefox zip\'s files byte for byte', async () => {
    const shipped = await entryHashes(zipNamed('-firefox.zip'));
    expect(Object.keys(shipped)).toContain('manifest.json');
    expect(hashesOf(path.join(rebuilt, 'dist/firefox'))).toEqual(shipped);
    // The sums file handed to the reviewer says the same.
    const sums = readFileSync(path.join(rebuilt, FIREFOX_SUMS), 'utf8').trim().split('\n').map((line) => line.split('  ').reverse());
    expect(Object.fromEntries(sums)).toEqual(shipped);
  });

  test('… and the Chrome/Edge zip\'s too', async () => {
    expect(hashesOf(path.join(rebuilt, 'dist/chrome'))).toEqual(await entryHashes(zipNamed('-chrome.zip')));
  });
});

test('the zips are deterministic: packaging the same build twice gives the same bytes', async () => {
  const again = await makePackages({ root, dist, out: path.join(work, 'again') });
  expect(again.map((p) => p.sha256)).toEqual(packages.map((p) => p.sha256));
});
