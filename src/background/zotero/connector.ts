/**
 * HTTP to the Zotero app's local server (../shared/docs/zotero.md §1–§3): every request carries
 * `Zotero-Allowed-Request: 1` (without it Zotero 9.0.2+ drops requests from browsers without answering), JSON
 * bodies say so, and each failure becomes a ZoteroProblem the UI can show as is.
 */
import browser from 'webextension-polyfill';
import { ZOTERO_BASE, ZOTERO_PERMISSION, ZOTERO_WHY, type ZoteroProblem, type ZoteroProblemKind } from '../../shared/zotero';

/** The official connector's default timeout. */
const TIMEOUT_MS = 15_000;

export class ZoteroError extends Error implements ZoteroProblem {
  constructor(readonly kind: ZoteroProblemKind, message: string) {
    super(message);
  }
}

export const NOT_RUNNING = 'Zotero isn’t running. Start the Zotero app (7 or later) on this computer, then try again.';

export async function hasZoteroPermission(): Promise<boolean> {
  return browser.permissions.contains(ZOTERO_PERMISSION);
}

export async function requirePermission(): Promise<void> {
  if (!(await hasZoteroPermission())) {
    throw new ZoteroError('permission', `Paper Pulse needs your permission ${ZOTERO_WHY}: use “Connect to Zotero” in the popup or the options page.`);
  }
}

export interface ZoteroResponse {
  status: number;
  /** `X-Zotero-Version`: every Zotero answer has it. */
  version: string;
  headers: Headers;
  body: string;
}

export async function zoteroFetch(path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<ZoteroResponse> {
  let response: Response;
  try {
    response = await fetch(`${ZOTERO_BASE}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'Zotero-Allowed-Request': '1', ...init.headers },
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs ?? TIMEOUT_MS),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new ZoteroError('failed', `Zotero didn’t answer within ${Math.round((init.timeoutMs ?? TIMEOUT_MS) / 1000)} s. Is a dialog open in Zotero? Try again.`);
    }
    // Connection refused (not running), or a connection Zotero closed without answering.
    throw new ZoteroError('not-running', NOT_RUNNING);
  }
  const version = response.headers.get('X-Zotero-Version');
  // As the official connector does: an error without Zotero's header is some other program on the port.
  if (!version) {
    throw new ZoteroError('not-running', `Something other than Zotero answers on port 23119 (HTTP ${response.status}). ${NOT_RUNNING}`);
  }
  return { status: response.status, version, headers: response.headers, body: await response.text() };
}

export function postJson(path: string, body: unknown): Promise<ZoteroResponse> {
  return zoteroFetch(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

/** `7.0.16` → [7, 0, 16]; compares numerically part by part. */
export function versionAtLeast(version: string, min: readonly number[]): boolean {
  const parts = version.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < min.length; i++) {
    const a = parts[i] ?? 0;
    if (a !== min[i]) return a > min[i]!;
  }
  return true;
}

/** The `{"error":"…"}` code Zotero puts in JSON error bodies, if any. */
export function errorCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; libraryEditable?: unknown };
    if (parsed.libraryEditable === false) return 'LIBRARY_NOT_EDITABLE';
    return typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}
