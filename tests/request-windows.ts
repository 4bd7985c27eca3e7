/** Shared by the replica's unit and E2E tests: the most requests that fell in any window of `windowMs` (sorted times). */
export function mostInAnyWindow(times: readonly number[], windowMs = 5 * 60_000): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
