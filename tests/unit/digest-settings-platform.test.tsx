// @vitest-environment happy-dom
/**
 * The digest form (popup Digest view and options page) on a browser without notifications, e.g. Firefox for
 * Android without the API: no "Show a notification" box that would do nothing, but a line saying where the digest goes.
 */
import { render } from 'preact';
import { afterEach, expect, test } from 'vitest';
import { DigestSettings } from '../../src/popup/components/digest-settings';
import { defaultSettings } from '../../src/shared/settings';
import { fakeBrowser } from './fake-browser';

const form = () => {
  const root = document.createElement('div');
  render(<DigestSettings settings={{ ...defaultSettings }} update={() => undefined} />, root);
  return root;
};
const notifications = fakeBrowser.notifications;
afterEach(() => void Object.assign(fakeBrowser, { notifications }));

test('with notifications: the "Show a notification" checkbox', () => {
  const root = form();
  expect(root.textContent).toContain('Show a notification');
  expect(root.querySelector('[data-testid="no-notifications"]')).toBeNull();
});

test('without: no checkbox, and the popup named as where the digest waits', () => {
  Reflect.deleteProperty(fakeBrowser, 'notifications');
  const root = form();
  expect(root.textContent).not.toContain('Show a notification');
  expect(root.querySelector('[data-testid="no-notifications"]')?.textContent).toMatch(/digest waits in the popup's Digest view/);
});
