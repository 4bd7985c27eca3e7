/**
 * npm's `version` lifecycle script: package.json is the one source of truth for the version. After `npm version`
 * has bumped it, this writes the same version into manifest.json and turns CHANGELOG.md's Unreleased section into
 * that version's section, then `git add`s both so they land in npm's version commit and tag.
 * (Order per npm's docs: preversion → bump package.json → version → commit + tag → postversion.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What every store accepts: Chrome wants 1–4 dot-separated integers 0–65535, not all zero; AMO also forbids leading
 * zeros. So no npm prerelease suffixes (`1.2.0-beta.1`).
 */
export function isStoreVersion(version: string): boolean {
  if (!/^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/.test(version)) return false;
  const parts = version.split('.').map(Number);
  return parts.every((n) => n <= 65535) && parts.some((n) => n > 0);
}

/** manifest.json's text with its top-level "version" replaced, the rest of the file (and its layout) untouched. */
export function withManifestVersion(manifestText: string, version: string): string {
  const next = manifestText.replace(/^(\s*"version":\s*")[^"]*(")/m, `$1${version}$2`);
  if ((JSON.parse(next) as { version?: string }).version !== version) throw new Error('manifest.json: no top-level "version" to replace');
  return next;
}

const UNRELEASED = '## [Unreleased]';

/**
 * CHANGELOG.md with the Unreleased section's entries moved under `## [version] - date` and an empty Unreleased
 * section left on top. Refuses an empty Unreleased section (a release says what changed) and a version already listed.
 */
export function withReleasedChangelog(changelog: string, version: string, date: string): string {
  const start = changelog.indexOf(UNRELEASED);
  if (start < 0) throw new Error(`CHANGELOG.md: no "${UNRELEASED}" heading`);
  if (changelog.includes(`## [${version}]`)) throw new Error(`CHANGELOG.md already has a section for ${version}`);
  const bodyStart = start + UNRELEASED.length;
  const nextSection = changelog.indexOf('\n## [', bodyStart);
  const body = changelog.slice(bodyStart, nextSection < 0 ? undefined : nextSection);
  if (!/^- /m.test(body)) throw new Error(`CHANGELOG.md: the Unreleased section lists no change; say what ${version} changes first`);
  return `${changelog.slice(0, bodyStart)}\n\n## [${version}] - ${date}${changelog.slice(bodyStart)}`;
}

function main(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const file = (name: string) => path.join(root, name);
  const { version } = JSON.parse(readFileSync(file('package.json'), 'utf8')) as { version: string };
  if (!isStoreVersion(version)) {
    throw new Error(`${version}: the stores accept only 1–4 dot-separated numbers (0–65535, no leading zeros). ` +
      'Undo with `git checkout package.json package-lock.json` and pick another version.');
  }
  writeFileSync(file('manifest.json'), withManifestVersion(readFileSync(file('manifest.json'), 'utf8'), version));
  const today = new Date().toISOString().slice(0, 10);
  writeFileSync(file('CHANGELOG.md'), withReleasedChangelog(readFileSync(file('CHANGELOG.md'), 'utf8'), version, today));
  execFileSync('git', ['add', 'manifest.json', 'CHANGELOG.md'], { cwd: root, stdio: 'inherit' });
  console.log(`manifest.json and CHANGELOG.md → ${version}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
