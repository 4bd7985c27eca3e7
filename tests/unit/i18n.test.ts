/**
 * i18n: every `t('key', 'English fallback')` call in src/ has its key in _locales/en/messages.json with the same text,
 * so the fallback and the catalogue can't drift apart; and manifest __MSG_*__ placeholders all resolve.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const catalogue = JSON.parse(readFileSync(path.resolve('src/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const calls = sources(path.resolve('src')).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\bt\('(\w+)', (?:'((?:[^'\\]|\\.)*)'|"([^"]*)")/g)].map((m) => ({
    file: path.relative(process.cwd(), file), key: m[1]!, fallback: (m[2] ?? m[3] ?? '').replace(/\\'/g, "'"),
  }));
});

describe('i18n catalogue', () => {
  test('strings go through t() somewhere (the scan itself works)', () => {
    expect(calls.length).toBeGreaterThan(5);
  });
  test.each(calls.map((c) => [c.key, c]))('%s is in messages.json with the same English text', (_key, call) => {
    expect(catalogue[call.key]?.message, call.file).toBe(call.fallback);
  });
  test('manifest __MSG_…__ placeholders resolve', () => {
    const manifest = readFileSync(path.resolve('manifest.json'), 'utf8');
    const keys = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !catalogue[k])).toEqual([]);
  });
});
