/**
 * The committed store images (npm run store-assets) have the exact sizes the stores accept: screenshots 1280×800
 * (Chrome Web Store, Edge, AMO), the small promo tile 440×280 (Chrome Web Store). Read from the PNG headers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const images = path.resolve('store/images');

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(file);
  expect(data.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

test('four 1280×800 screenshots: badge, listing, popup, reading list (CWS allows up to 5)', () => {
  const dir = path.join(images, 'screenshots/1280x800');
  const files = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  expect(files).toEqual(['1-badge.png', '2-listing.png', '3-popup.png', '4-reading-list.png']);
  for (const f of files) expect(pngSize(path.join(dir, f)), f).toEqual({ width: 1280, height: 800 });
});

test('the small promo tile is 440×280', () => {
  expect(pngSize(path.join(images, 'promo-440x280.png'))).toEqual({ width: 440, height: 280 });
});
