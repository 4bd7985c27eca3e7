/** For fire-and-forget work in listeners: a failure is logged, never left as an unhandled rejection. */
export const logFailure = (what: string) => (error: unknown): void => {
  console.warn(`Paper Pulse: ${what} failed`, error);
};
