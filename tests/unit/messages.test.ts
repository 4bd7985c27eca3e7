/** Who may call what: content scripts (in arXiv pages) get the read and save calls only. */
import { describe, expect, test } from 'vitest';
import { isAllowed } from '../../src/shared/messages';

const arxivTab = { id: 'fake-extension', url: 'https://arxiv.org/abs/2101.04792', tab: { id: 3, index: 0, highlighted: true, active: true, pinned: false, incognito: false } };
const popupInTab = { id: 'fake-extension', url: 'chrome-extension://fake/popup.html?tab=3', tab: arxivTab.tab };
const popup = { id: 'fake-extension', url: 'chrome-extension://fake/popup.html' };

describe('isAllowed', () => {
  test.each(['getPaper', 'getPapersBulk', 'chipIndex', 'readingListSave', 'readingListRemove', 'listingVisit', 'listingSeen'] as const)('a content script may call %s', (name) => {
    expect(isAllowed(name, arxivTab)).toBe(true);
  });
  test.each(['readingListExport', 'readingListImport', 'clearCache', 'readingListUpdate', 'readingListRestore', 'getDigests', 'listVisit'] as const)('a content script may not call %s', (name) => {
    expect(isAllowed(name, arxivTab)).toBe(false);
  });
  test('extension pages may call anything, also when the popup is opened in a tab', () => {
    expect(isAllowed('readingListExport', popup)).toBe(true);
    expect(isAllowed('clearCache', popupInTab)).toBe(true);
  });
  test('another extension may call nothing', () => {
    expect(isAllowed('getPaper', { ...popup, id: 'someone-else' })).toBe(false);
  });
});
