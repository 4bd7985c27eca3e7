/**
 * One version for everything (scripts/sync-version.ts): package.json and manifest.json agree, only store-valid
 * versions pass, and a real `npm version minor` in a throw-away git repo commits the bumped manifest and changelog.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isStoreVersion, withManifestVersion, withReleasedChangelog } from '../../scripts/sync-version';

const read = (file: string) => readFileSync(path.resolve(file), 'utf8');

test('package.json and manifest.json carry the same version', () => {
  expect(JSON.parse(read('manifest.json')).version).toBe(JSON.parse(read('package.json')).version);
});

describe('isStoreVersion', () => {
  test.each(['0.1.0', '1', '1.2.3.4', '65535.0.0'])('%s is accepted', (v) => expect(isStoreVersion(v)).toBe(true));
  test.each(['1.2.0-beta.1', '01.2.0', '1.2.3.4.5', '65536.0.0', '0.0.0', '0', '1..2', 'v1.2.0', ''])('%s is refused', (v) => {
    expect(isStoreVersion(v)).toBe(false);
  });
});

describe('withManifestVersion', () => {
  const manifest = read('manifest.json');
  test('replaces the top-level version only, keeping the layout and strict_min_version', () => {
    const next = withManifestVersion(manifest, '7.8.9');
    expect(JSON.parse(next).version).toBe('7.8.9');
    expect(JSON.parse(next).browser_specific_settings).toEqual(JSON.parse(manifest).browser_specific_settings);
    // Exactly one line changed.
    const changed = next.split('\n').filter((line, i) => line !== manifest.split('\n')[i]);
    expect(changed).toEqual(['  "version": "7.8.9",']);
  });
  test('a manifest without a version is an error, not a silent no-op', () => {
    expect(() => withManifestVersion('{ "name": "x" }', '1.0.0')).toThrow(/no top-level "version"/);
  });
});

describe('withReleasedChangelog', () => {
  const changelog = read('CHANGELOG.md');
  test('the Unreleased entries become the new version\'s, under an empty Unreleased heading', () => {
    const next = withReleasedChangelog(changelog, '0.2.0', '2027-01-02');
    const unreleasedBody = changelog.slice(changelog.indexOf('## [Unreleased]') + 15, changelog.indexOf('\n## [0.1.0]'));
    expect(next).toContain(`## [Unreleased]\n\n## [0.2.0] - 2027-01-02${unreleasedBody}\n## [0.1.0]`);
    expect(next.replace('\n\n## [0.2.0] - 2027-01-02', '')).toBe(changelog);
  });
  test('refuses a version already listed and an empty Unreleased section', () => {
    expect(() => withReleasedChangelog(changelog, '0.1.0', '2027-01-02')).toThrow(/already has a section/);
    const released = withReleasedChangelog(changelog, '0.2.0', '2027-01-02');
    expect(() => withReleasedChangelog(released, '0.3.0', '2027-01-03')).toThrow(/lists no change/);
  });
});

test('`npm version minor` commits package.json, manifest.json and CHANGELOG.md with the new version', () => {
  const repo = mkdtempSync(path.join(tmpdir(), 'pp-version-'));
  try {
    for (const f of ['package.json', 'package-lock.json', 'manifest.json', 'CHANGELOG.md', 'scripts/sync-version.ts']) {
      cpSync(path.resolve(f), path.join(repo, f), { recursive: true });
    }
    symlinkSync(path.resolve('node_modules'), path.join(repo, 'node_modules'), 'dir');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    execFileSync('sh', ['-c', 'echo node_modules > .gitignore'], { cwd: repo });
    git('add', '-A');
    git('commit', '-qm', 'start');
    const before = JSON.parse(read('package.json')).version as string;
    const [major, minor] = before.split('.').map(Number) as [number, number];
    const want = `${major}.${minor + 1}.0`;
    execFileSync('npm', ['version', 'minor', '--no-commit-hooks'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' },
    });
    // What the version commit holds, read from git (not the work tree).
    expect(JSON.parse(git('show', 'HEAD:manifest.json')).version).toBe(want);
    expect(JSON.parse(git('show', 'HEAD:package.json')).version).toBe(want);
    expect(git('show', 'HEAD:CHANGELOG.md')).toMatch(new RegExp(`## \\[${want.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}`));
    expect(git('tag', '--list')).toContain(`v${want}`);
    expect(git('status', '--porcelain')).toBe('');
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}, 60_000);
