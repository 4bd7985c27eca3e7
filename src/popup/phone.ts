/**
 * Is the popup on a phone? Firefox for Android shows the popup as a page of its own, as wide as the screen
 * (360–412 px), where the desktop popup's fixed 400 px would scroll sideways. A CSS width query can't tell: a desktop
 * popup's viewport is sized from its content, so the query would be circular. So: a phone's primary pointer (coarse,
 * no hover), or a phone-sized screen (Chromium applies no pointer emulation to extension pages, but does emulate the
 * screen). The popup adds `phone` to <body> before its first render.
 */
export const PHONE_SCREEN_MAX = 600;

export function isPhone(): boolean {
  return matchMedia('(hover: none) and (pointer: coarse)').matches || screen.width < PHONE_SCREEN_MAX;
}
