/**
 * `npm run package` (builds first): the store uploads, in dist/packages/ (or `--out DIR`):
 * - paper-pulse-<v>-chrome.zip   Chrome Web Store and Edge Add-ons (the same file)
 * - paper-pulse-<v>-firefox.zip  addons.mozilla.org (desktop and Android)
 * - paper-pulse-<v>-source.zip   AMO's source submission: the git-tracked (and new, not ignored) files as they are in the work tree, plus
 *   SOURCE-BUILD.md (environment, commands) and firefox-files.sha256, from which `npm ci && npm run build` rebuilds
 *   the Firefox zip's files byte for byte (tests/unit/source-archive.test.ts does exactly that).
 * Zips are deterministic (sorted entries, one fixed timestamp), so the same build gives the same zip hashes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

/** Every entry's modification time: a fixed date keeps the zips reproducible. */
const ZIP_DATE = new Date('2000-01-01T00:00:00');
export const SOURCE_NOTES = 'SOURCE-BUILD.md';
export const FIREFOX_SUMS = 'firefox-files.sha256';

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Files under a folder, as sorted forward-slash paths relative to it. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** A zip of the named files under `base` (plus extra generated files), entries sorted, fixed timestamps. */
export async function zipFiles(base: string, files: readonly string[], extra: Record<string, string> = {}): Promise<Buffer> {
  const zip = new JSZip();
  const all = new Map<string, Buffer | string>(files.map((f) => [f, readFileSync(path.join(base, f))]));
  for (const [name, text] of Object.entries(extra)) all.set(name, text);
  for (const name of [...all.keys()].sort()) zip.file(name, all.get(name)!, { date: ZIP_DATE, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** `sha256sum` format, so a reviewer can run `sha256sum -c` inside dist/firefox. */
export function sumsOf(dir: string): string {
  return listFiles(dir).map((f) => `${sha256(readFileSync(path.join(dir, f)))}  ${f}\n`).join('');
}

/**
 * The source as built: the files git tracks plus new ones it doesn't ignore, read from the work tree (a dirty tree is
 * packaged as it is built; a warning says so).
 */
function sourceFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((f) => f && existsSync(path.join(root, f))).sort();
}

function installedVersion(root: string, pkg: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

function sourceNotes(root: string, version: string): string {
  const npmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
  const lib = (pkg: string) => `\`${pkg}\` ${installedVersion(root, pkg)}`;
  return `# Paper Pulse ${version}: building from source

This archive is the source of \`paper-pulse-${version}-firefox.zip\` (and of the Chrome/Edge zip). The shipped
JavaScript is bundled and minified by esbuild from the TypeScript/TSX in \`src/\`; nothing else is generated.

## Environment

Packaged on ${os.type()} ${os.release()} (${process.platform}-${process.arch}) with Node ${process.version} and npm ${npmVersion}.
Other systems with Node 20.19+ and npm should give the same files (AMO's default reviewer environment, Ubuntu 24.04
ARM64 with Node 24 and npm 11, was not tried): the only platform-specific package is esbuild's prebuilt binary,
which npm picks from the lockfile's optional dependencies, all of the same esbuild version. Do not pass
\`--omit=optional\`.

## Steps

\`\`\`sh
npm ci          # exact versions from package-lock.json, from the npm registry
npm run build   # → dist/firefox (and dist/chrome)
cd dist/firefox && sha256sum -c ../../${FIREFOX_SUMS}
\`\`\`

\`dist/firefox/\` then holds exactly the files of \`paper-pulse-${version}-firefox.zip\`, byte for byte;
\`${FIREFOX_SUMS}\` lists each file's SHA-256. The build (\`esbuild.config.ts\`) reads only \`manifest.json\`,
\`src/\`, \`icons/\` and the installed packages.

## Tools and libraries (from npm)

- Build: ${lib('esbuild')} (bundling, minification), ${lib('tsx')} (runs the TypeScript build script).
- Bundled into the extension: ${lib('preact')}, ${lib('webextension-polyfill')}, ${lib('idb')}, ${lib('valibot')},
  unmodified but for one line: the build makes preact's \`dangerouslySetInnerHTML\` branch (its only
  \`innerHTML\` assignment, unused here) throw instead (\`noPreactHtmlSink\` in \`esbuild.config.ts\`).
- \`typescript\`, \`vitest\`, \`web-ext\` and the rest of devDependencies check and test the code; they add nothing
  to the package.
`;
}

export interface PackageFile { file: string; bytes: number; sha256: string }

/** Writes the three zips into `out` from the builds in `dist`; returns what it wrote. */
export async function makePackages({ root, dist, out }: { root: string; dist: string; out: string }): Promise<PackageFile[]> {
  const { version } = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as { version: string };
  for (const target of ['chrome', 'firefox']) {
    const background = path.join(dist, target, 'background.js');
    if (!existsSync(background)) throw new Error(`${background} missing: run \`npm run build\` first`);
    // A watch/dev build carries inline source maps and unminified code: not for a store.
    if (readFileSync(background, 'utf8').includes('sourceMappingURL=')) throw new Error(`${dist}/${target} is a dev build: run \`npm run build\``);
  }
  mkdirSync(out, { recursive: true });
  const zips: Record<string, Buffer> = {};
  for (const target of ['chrome', 'firefox']) {
    const dir = path.join(dist, target);
    zips[`paper-pulse-${version}-${target}.zip`] = await zipFiles(dir, listFiles(dir));
  }
  const tracked = sourceFiles(root);
  const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim();
  if (dirty) console.warn(`warning: the source archive holds uncommitted changes:\n${dirty}`);
  zips[`paper-pulse-${version}-source.zip`] = await zipFiles(root, tracked, {
    [SOURCE_NOTES]: sourceNotes(root, version),
    [FIREFOX_SUMS]: sumsOf(path.join(dist, 'firefox')),
  });
  return Object.entries(zips).map(([name, data]) => {
    writeFileSync(path.join(out, name), data);
    return { file: path.join(out, name), bytes: data.length, sha256: sha256(data) };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dist = path.resolve(root, process.env.PP_DIST ?? 'dist');
  const outFlag = process.argv.indexOf('--out');
  const out = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]!) : path.join(dist, 'packages');
  for (const p of await makePackages({ root, dist, out })) {
    console.log(`${path.relative(process.cwd(), p.file)}  ${(p.bytes / 1024).toFixed(1)} KB  sha256 ${p.sha256}`);
  }
}
