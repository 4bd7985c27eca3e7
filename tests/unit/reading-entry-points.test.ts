/** Which paper a context-menu click or the toolbar means, and what the toolbar says for a saved paper. */
import { describe, expect, test } from 'vitest';
import { badgeFor } from '../../src/background/toolbar-badge/action-badge';
import { paperOfClick, SAVE_LINK_MENU, SAVE_PAGE_MENU } from '../../src/background/reading-list/context-menu';
import { tabPaperId } from '../../src/background/reading-list/actions';

describe('context menu', () => {
  test.each([
    [{ menuItemId: SAVE_LINK_MENU, linkUrl: 'https://arxiv.org/abs/2606.27001v2', pageUrl: 'https://example.org/' }, '2606.27001'],
    [{ menuItemId: SAVE_LINK_MENU, linkUrl: 'https://arxiv.org/pdf/hep-th/9901001v3.pdf' }, 'hep-th/9901001'],
    [{ menuItemId: SAVE_LINK_MENU, linkUrl: 'https://export.arxiv.org/html/2609.01222v2/#S2' }, '2609.01222'],
    [{ menuItemId: SAVE_LINK_MENU, linkUrl: 'https://arxiv.org/list/cs.LG/new' }, undefined],
    [{ menuItemId: SAVE_PAGE_MENU, pageUrl: 'https://arxiv.org/abs/math.GT/0309136' }, 'math/0309136'],
    [{ menuItemId: SAVE_PAGE_MENU, pageUrl: 'https://huggingface.co/papers/2608.19880' }, '2608.19880'],
    [{ menuItemId: SAVE_PAGE_MENU, pageUrl: 'https://www.alphaxiv.org/abs/2608.19880' }, '2608.19880'],
    [{ menuItemId: SAVE_PAGE_MENU, pageUrl: 'https://arxiv.org/search/?query=x' }, undefined],
    [{ menuItemId: 'someone-else', pageUrl: 'https://arxiv.org/abs/2606.27001' }, undefined],
  ])('%o → %s', (info, id) => {
    expect(paperOfClick(info)).toBe(id);
  });

  test('keyboard shortcut: the tab\'s paper', () => {
    expect(tabPaperId('https://arxiv.org/pdf/2606.27001v1')).toBe('2606.27001');
    expect(tabPaperId('https://arxiv.org/list/cs.LG/new')).toBeUndefined();
    expect(tabPaperId(undefined)).toBeUndefined();
  });
});

describe('toolbar badge for saved papers', () => {
  const paper = { id: '2608.19880', title: 't', authors: [], summary: '', upvotes: 163, fetchedAt: 0 };
  test('known to HF: upvotes stay, the title says saved', () => {
    expect(badgeFor({ state: 'found', paper, stale: false }, true)).toMatchObject({ text: '163', title: expect.stringContaining('in your reading list') });
  });
  test.each([
    [{ state: 'not-on-hf', checkedAt: 0 } as const],
    [{ state: 'old-style' } as const],
    [{ state: 'error', message: 'x' } as const],
  ])('unknown to HF (%o): ✓ when saved, nothing when not', (lookup) => {
    expect(badgeFor(lookup, true).text).toBe('✓');
    expect(badgeFor(lookup, false).text).toBe('');
  });
});
