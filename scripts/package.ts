/** `npm run package`: store-ready zips of dist/chrome and dist/firefox, named with the manifest version. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dist = path.resolve(process.env.PP_DIST ?? 'dist');
const { version } = JSON.parse(readFileSync('manifest.json', 'utf8')) as { version: string };
for (const target of ['chrome', 'firefox']) {
  const filename = `paper-pulse-${version}-${target}.zip`;
  // web-ext build zips a folder deterministically and skips dotfiles; it works for Chrome's folder too.
  execFileSync('npx', ['web-ext', 'build', '--source-dir', path.join(dist, target), '--artifacts-dir', path.join(dist, 'packages'),
    '--filename', filename, '--overwrite-dest', '--no-config-discovery'], { stdio: 'inherit' });
  console.log(`${path.relative(process.cwd(), path.join(dist, 'packages', filename))}`);
}
