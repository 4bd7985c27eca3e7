/**
 * One page feature per file, declared, not wired (the refined-github pattern): each says on which
 * page kinds it runs and gets an AbortSignal that tears down everything it added.
 */
import type { DetectedPage, PageKind } from '../shared/types';

export interface FeatureContext {
  page: DetectedPage;
  signal: AbortSignal;
}

export interface Feature {
  id: string;
  include: readonly PageKind[];
  /** At document_start, before the page's DOM exists: start what needs only the URL (a lookup, a badge to insert later). */
  prepare?(page: DetectedPage): void;
  init(context: FeatureContext): void | Promise<void>;
}

export const defineFeature = (feature: Feature): Feature => feature;

export function prepareFeatures(features: readonly Feature[], page: DetectedPage): void {
  for (const feature of features) if (feature.include.includes(page.kind)) feature.prepare?.(page);
}

export function runFeatures(features: readonly Feature[], page: DetectedPage, signal: AbortSignal): void {
  for (const feature of features) {
    if (!feature.include.includes(page.kind)) continue;
    Promise.resolve()
      .then(() => feature.init({ page, signal }))
      // A feature's failure must never break the page or the other features.
      .catch((error: unknown) => console.warn(`Paper Pulse: ${feature.id} failed`, error));
  }
}

/** Removes `node` when the signal aborts (and at once if it already has). */
export function removeOnAbort(node: Element, signal: AbortSignal): void {
  if (signal.aborted) node.remove();
  else signal.addEventListener('abort', () => node.remove(), { once: true });
}
