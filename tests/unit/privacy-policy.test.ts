/**
 * The privacy policy and the store's permission justifications must explain exactly what the manifest requests:
 * every permission and host (required or optional) appears in the permissions table of PRIVACY.md, of
 * store/permissions.md and of the README, and none of them lists one the manifest no longer asks for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

type Manifest = {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  browser_specific_settings?: { gecko?: { data_collection_permissions?: { required?: string[]; optional?: string[] } } };
};

const read = (file: string) => readFileSync(path.resolve(file), 'utf8');
const manifest = JSON.parse(read('manifest.json')) as Manifest;
const requested = [
  ...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? []),
  ...(manifest.host_permissions ?? []), ...(manifest.optional_host_permissions ?? []),
].sort();

/** The `code` tokens in the first column of the first markdown table under `heading`. */
function permissionColumn(markdown: string, heading: string): string[] {
  return tableRows(markdown, heading).flatMap(codeInFirstCell).sort();
}

function tableRows(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`no "${heading}" heading`);
  const rest = markdown.slice(start + heading.length);
  const lines = rest.split('\n');
  // The first table after the heading: its consecutive `|` lines (a section may hold other tables further down).
  const first = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > first && !line.startsWith('|'));
  const table = first < 0 ? [] : lines.slice(first, end < 0 ? undefined : end);
  return table.filter((line) => !/^\|\s*-/.test(line)).slice(1); // skip the header row
}

const codeInFirstCell = (row: string): string[] => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

const documents: [string, string, string][] = [
  ['PRIVACY.md', read('PRIVACY.md'), '## Permissions'],
  ['store/permissions.md', read('store/permissions.md'), '# Permission justifications'],
  ['README.md', read('README.md'), '## Permissions and what is sent where'],
];

describe.each(documents)('%s', (_name, text, heading) => {
  test('its permissions table lists exactly what the manifest requests', () => {
    expect(requested.length).toBeGreaterThan(0);
    const listed = permissionColumn(text, heading);
    expect(requested.filter((p) => !listed.includes(p)), 'requested but not explained').toEqual([]);
    expect(listed.filter((p) => !requested.includes(p)), 'explained but no longer requested').toEqual([]);
  });
});

test('store/permissions.md gives each permission its own row (one dashboard field each)', () => {
  const rows = tableRows(read('store/permissions.md'), '# Permission justifications');
  expect(rows.map((row) => codeInFirstCell(row).length)).toEqual(rows.map(() => 1));
  expect(rows.length).toBe(requested.length);
});

test('the data-use disclosure states the manifest\'s Firefox data collection declaration', () => {
  const declared = manifest.browser_specific_settings?.gecko?.data_collection_permissions;
  expect(declared).toBeDefined();
  const disclosure = read('store/data-use.md');
  for (const type of [...(declared!.required ?? []), ...(declared!.optional ?? [])]) expect(disclosure).toContain(`"${type}"`);
});

describe('permissionColumn', () => {
  const table = '## P\n\n| permission | why |\n|---|---|\n| `a`, `b` | x `not-me` |\n| optional: `c` | y |\n\ntext\n\n| what | n |\n|---|---|\n| `e` | 1 |\n## Next\n| `d` | z |\n';
  test('reads the first column of the first table under the heading only', () => {
    expect(permissionColumn(table, '## P')).toEqual(['a', 'b', 'c']);
  });
});
