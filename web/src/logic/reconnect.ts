/** Longest a client waits after a `Reconnect` notice before it connects again. */
export const MaxReconnectDelayMs = 10_000;

/**
 * How long to wait, after a stopping server's `Reconnect(notice)`, before connecting again: the server spreads its
 * clients over a window (`retryAfterMilliseconds`) so they do not all land on the remaining silos at once. Bounded to
 * [0, MaxReconnectDelayMs]; a malformed notice means "at once".
 */
export function reconnectDelay(notice: unknown): number {
  const value = (notice as { retryAfterMilliseconds?: unknown } | null)?.retryAfterMilliseconds;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 0;
  return Math.min(MaxReconnectDelayMs, Math.max(0, Math.round(value)));
}
