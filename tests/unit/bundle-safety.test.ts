/**
 * The BUILT bundles hold no HTML sink and no code-from-string (npm test builds first): remote text only ever renders
 * as text, and AMO's linter stays clean. preact's one `innerHTML` assignment is neutralised by esbuild.config.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { listFiles } from '../../scripts/package';
import { OPTIONAL_SITES } from '../../src/shared/other-sites';

const dist = path.resolve(process.env.PP_DIST ?? 'dist');

describe.each(['chrome', 'firefox'])('%s build', (target) => {
  const scripts = listFiles(path.join(dist, target)).filter((f) => f.endsWith('.js'));
  test.each(scripts)('%s: no innerHTML/outerHTML assignment, insertAdjacentHTML, document.write, eval or new Function', (file) => {
    const code = readFileSync(path.join(dist, target, file), 'utf8');
    const sinks = code.match(/\.(inner|outer)HTML\s*=(?!=)|insertAdjacentHTML|document\.write|\beval\(|new Function\(/g) ?? [];
    expect(sinks).toEqual([]);
  });
  // Plus one small content script per optional site (shared/other-sites.ts), registered only once the site is granted.
  test('has the five bundles and one per optional site', () => expect(scripts).toEqual(
    ['background.js', 'content-hf.js', 'content-list.js', 'content-paper.js', ...OPTIONAL_SITES.map((s) => s.js), 'options.js', 'popup.js'].sort()));
});
