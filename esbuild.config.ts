/**
 * Builds dist/chrome and dist/firefox from the one manifest.json.
 * Content script → IIFE (content scripts can't be modules); worker → ESM ("type": "module"); pages → ESM.
 * Usage: tsx esbuild.config.ts [--watch] [--dev]. scripts/dev.ts (`npm start`) imports watchTarget().
 */
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, watch as watchFiles, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);
const targets = ['chrome', 'firefox'] as const;
/** PP_DIST lets parallel work build and test its own copy (tests read the same variable). */
const distRoot = path.resolve(root, process.env.PP_DIST ?? 'dist');
export type Target = (typeof targets)[number];

/** A watch build is a dev build: readable code with inline source maps. */
interface BuildMode { watch: boolean; dev: boolean }

const common = (dev: boolean): esbuild.BuildOptions => ({
  bundle: true,
  // BENCH_PROFILE (bench/measure.ts) reads the profile by function name and line: an unminified build.
  minify: !dev && !process.env.BENCH_PROFILE,
  sourcemap: dev ? 'inline' : false,
  target: ['chrome120', 'firefox128'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
});

/**
 * The content script's shadow-root CSS is a template literal in src/content/ui/styles.ts (plain TS, so unit tests
 * import it as is). For the bundle it is minified with esbuild's CSS minifier: the content script has a 12 KB gzip budget.
 */
const minifyShadowCss: esbuild.Plugin = {
  name: 'minify-shadow-css',
  setup(build) {
    build.onLoad({ filter: /src[\\/]content[\\/]ui[\\/]styles\.ts$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      // The literal may hold escaped backticks (in CSS comments); it holds no interpolation.
      const literal = /baseCss = `((?:\\[\s\S]|[^`\\])*)`/.exec(source)?.[1];
      if (literal === undefined || literal.includes('${')) throw new Error(`${args.path}: expected one template literal without interpolations`);
      const css = literal.replace(/\\([\s\S])/g, '$1');
      const { code } = await esbuild.transform(css, { loader: 'css', minify: true, target: ['chrome120', 'firefox128'] });
      return { contents: `export const baseCss = ${JSON.stringify(code.trim())};`, loader: 'js' };
    });
  },
};

/**
 * preact's one HTML sink, the `dangerouslySetInnerHTML` branch of its diff (`dom.innerHTML = props.__html`), made to
 * throw: we never use it, remote text must only ever render as text, and AMO's linter flags the assignment. The build
 * fails if a preact update changes that code, so the guard can't silently stop applying.
 */
const PREACT_HTML_SINK = '(t.innerHTML=h.__html)';
const noPreactHtmlSink: esbuild.Plugin = {
  name: 'no-preact-html-sink',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.split(PREACT_HTML_SINK).length !== 2) throw new Error(`${args.path}: expected preact's innerHTML assignment exactly once; update noPreactHtmlSink`);
      return { contents: source.replace(PREACT_HTML_SINK, '(()=>{throw new Error("dangerouslySetInnerHTML is disabled")})()'), loader: 'js' };
    });
  },
};

const entries = [
  // arXiv: paper pages (abs, HTML) and listing-type pages, one bundle each: a page compiles only its own features.
  { in: 'src/content/paper-index.ts', out: 'content-paper', format: 'iife' },
  { in: 'src/content/list-index.ts', out: 'content-list', format: 'iife' },
  { in: 'src/content/hf-index.ts', out: 'content-hf', format: 'iife' },
  // The optional sites (shared/other-sites.ts): one small bundle each, registered only once the site is granted.
  ...(['scholar', 'semantic-scholar', 'openreview', 'alphaxiv', 'paperswithcode'] as const)
    .map((site) => ({ in: `src/content/site-entry/${site}.ts`, out: `content-${site}`, format: 'iife' } as const)),
  { in: 'src/background/index.ts', out: 'background', format: 'esm' },
  { in: 'src/popup/index.tsx', out: 'popup', format: 'esm' },
  { in: 'src/options/index.tsx', out: 'options', format: 'esm' },
] as const;

/** The one manifest.json, specialised per browser. */
export function manifestFor(target: Target): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  if (target === 'chrome') {
    // Chrome warns about keys it doesn't know; keep its copy clean.
    manifest.background = { service_worker: 'background.js', type: 'module' };
    delete manifest.browser_specific_settings;
  } else {
    manifest.background = { scripts: ['background.js'], type: 'module' };
  }
  return manifest;
}

function copyStatic(outdir: string, target: Target): void {
  mkdirSync(outdir, { recursive: true });
  cpSync(path.join(root, 'icons'), path.join(outdir, 'icons'), { recursive: true, filter: (f) => !f.endsWith('.svg') });
  cpSync(path.join(root, 'src/_locales'), path.join(outdir, '_locales'), { recursive: true });
  for (const page of ['popup', 'options']) {
    for (const ext of ['html', 'css']) cpSync(path.join(root, `src/${page}/${page}.${ext}`), path.join(outdir, `${page}.${ext}`));
  }
  writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(manifestFor(target), null, 2));
}

/** The output folder of one browser's build. */
export function outdirOf(target: Target): string {
  return path.join(distRoot, target);
}

async function buildTarget(target: Target, { watch, dev }: BuildMode): Promise<esbuild.BuildContext[]> {
  const outdir = outdirOf(target);
  rmSync(outdir, { recursive: true, force: true });
  copyStatic(outdir, target);
  const contexts: esbuild.BuildContext[] = [];
  for (const entry of entries) {
    const options: esbuild.BuildOptions = {
      ...common(dev),
      entryPoints: { [entry.out]: path.join(root, entry.in) },
      format: entry.format,
      outdir,
      plugins: dev ? [noPreactHtmlSink] : [minifyShadowCss, noPreactHtmlSink],
      // The content script talks to the native promise APIs (src/content/native-browser.ts explains why).
      ...(entry.out.startsWith('content') ? { alias: { 'webextension-polyfill': path.join(root, 'src/content/native-browser.ts') } } : {}),
    };
    if (watch) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
      contexts.push(ctx);
    } else {
      await esbuild.build(options);
    }
  }
  return contexts;
}

/** What copyStatic() copies: esbuild's watch doesn't see these, so watchTarget() watches them itself. */
const STATIC_SOURCES = ['manifest.json', 'icons', 'src/_locales', 'src/popup', 'src/options'];

/**
 * Builds one browser's folder, then keeps it current: esbuild's watch rebuilds the bundles, and a change to the
 * manifest, icons, locales or a page's HTML/CSS copies the static files again. Resolves to a stop function.
 */
export async function watchTarget(target: Target): Promise<() => Promise<void>> {
  const contexts = await buildTarget(target, { watch: true, dev: true });
  const outdir = outdirOf(target);
  let pending: NodeJS.Timeout | undefined;
  // Editors write a file in several steps; one copy per burst.
  const recopy = () => {
    clearTimeout(pending);
    pending = setTimeout(() => copyStatic(outdir, target), 50);
  };
  const watchers = STATIC_SOURCES.map((source) =>
    watchFiles(path.join(root, source), { recursive: true }, (_event, file) => {
      if (source === 'manifest.json' || !/\.(tsx?)$/.test(String(file))) recopy();
    }));
  return async () => {
    clearTimeout(pending);
    for (const watcher of watchers) watcher.close();
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('esbuild.config.ts')) {
  const watch = process.argv.includes('--watch');
  const dev = process.argv.includes('--dev');
  if (watch) await Promise.all(targets.map(watchTarget));
  else await Promise.all(targets.map((target) => buildTarget(target, { watch, dev })));
  if (!watch) console.log(`built ${targets.map((t) => path.relative(root, outdirOf(t))).join(', ')}`);
}
