/** The worker's one HF client. Rate-limit state lives in storage.session so a restarted worker still honours it. */
import browser from 'webextension-polyfill';
import { HfClient, storageGate } from './client';
import { hfToken } from './token';

export const hf = new HfClient({
  gate: storageGate(browser.storage.session),
  token: hfToken,
});
