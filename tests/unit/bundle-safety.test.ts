/**
 * The BUILT bundles hold no HTML sink and no code-from-string (npm test builds first): remote text only ever renders
 * as text, and AMO's linter stays clean. preact's one `innerHTML` assignment is neutralised by esbuild.config.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { listFiles } from '../../scripts/package';

const dist = path.resolve(process.env.PP_DIST ?? 'dist');

describe.each(['chrome', 'firefox'])('%s build', (target) => {
  const scripts = listFiles(path.join(dist, target)).filter((f) => f.endsWith('.js'));
  test.each(scripts)('%s: no innerHTML/outerHTML assignment, insertAdjacentHTML, document.write, eval or new Function', (file) => {
    const code = readFileSync(path.join(dist, target, file), 'utf8');
    const sinks = code.match(/\.(inner|outer)HTML\s*=(?!=)|insertAdjacentHTML|document\.write|\beval\(|new Function\(/g) ?? [];
    expect(sinks).toEqual([]);
  });
  test('has the five bundles', () => expect(scripts).toEqual(['background.js', 'content-hf.js', 'content.js', 'options.js', 'popup.js']));
});
