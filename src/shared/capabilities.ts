/**
 * Which optional browser features this browser offers, detected at run time. Firefox for Android has no context
 * menus and no keyboard shortcuts (`commands`); other browsers may lack notifications. The worker registers only what
 * exists (a missing namespace would throw at start-up and take every listener with it), and the pages offer the
 * alternative instead: the ☆ Save buttons for the menu and the shortcut, the popup's Digest view for the notification.
 */
import browser from 'webextension-polyfill';

export interface Capabilities {
  contextMenus: boolean;
  commands: boolean;
  notifications: boolean;
}

/** The shape we probe: any of it may be missing. */
interface ApiSurface {
  contextMenus?: { create?: unknown; onClicked?: { addListener?: unknown } };
  commands?: { onCommand?: { addListener?: unknown } };
  notifications?: { create?: unknown; onClicked?: { addListener?: unknown } };
}

export function capabilitiesOf(api: ApiSurface): Capabilities {
  const fn = (value: unknown) => typeof value === 'function';
  return {
    contextMenus: fn(api.contextMenus?.create) && fn(api.contextMenus?.onClicked?.addListener),
    commands: fn(api.commands?.onCommand?.addListener),
    notifications: fn(api.notifications?.create) && fn(api.notifications?.onClicked?.addListener),
  };
}

/** This browser's. */
export const capabilities = (): Capabilities => capabilitiesOf(browser as unknown as ApiSurface);
