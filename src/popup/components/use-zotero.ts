/**
 * Popup state for Zotero: whether the optional 127.0.0.1 permission is granted (live), asking for it from a click,
 * and the "in Zotero" marks for a set of ids. The worker does the talking to Zotero.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { sendMessage } from '../../shared/messages';
import { ZOTERO_PERMISSION, type ZoteroMarks } from '../../shared/zotero';

export function useZoteroPermission(): [granted: boolean | undefined, request: () => Promise<boolean>] {
  const [granted, setGranted] = useState<boolean>();
  useEffect(() => {
    const check = () => void browser.permissions.contains(ZOTERO_PERMISSION).then(setGranted, () => setGranted(false));
    check();
    // Granted or revoked elsewhere (options page, the browser's extension settings): follow at once.
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, []);
  // Must run inside the click handler: browsers only show the prompt for a user gesture.
  const request = () => browser.permissions.request(ZOTERO_PERMISSION).then((ok) => {
    setGranted(ok);
    return ok;
  });
  return [granted, request];
}

/** Marks for these ids; re-asked when the list of ids changes or `generation` is bumped (after a save). */
export function useZoteroMarks(ids: readonly string[], generation = 0): ZoteroMarks | undefined {
  const [marks, setMarks] = useState<ZoteroMarks>();
  const key = ids.join(' ');
  useEffect(() => {
    let live = true;
    if (ids.length) void sendMessage('zoteroMarks', [...ids]).then((m) => live && setMarks(m), () => live && setMarks(undefined));
    return () => {
      live = false;
    };
  }, [key, generation]);
  return marks;
}
