/** Unit-test environment: a real (in-memory) IndexedDB and an in-memory webextension-polyfill. */
import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
