/**
 * How many times a send refused with `Unavailable` (the server shedding load) is sent again by itself, under the same
 * clientMessageId, before it is shown failed. Bounded so that a server that stays overloaded turns "Sending…" into
 * "Not sent" within seconds: with the delays below the resends wait 7.5 s at most in all (3.75 s on average).
 */
export const MaxSendRetries = 4;

/** The longest the first retry waits; each further retry may wait twice as long as the one before. */
export const SendRetryBaseDelayMs = 500;

/** No retry waits longer than this, however many came before it. */
export const MaxSendRetryDelayMs = 8_000;

/**
 * How long to wait before the `retry`-th resend (1 for the first) of a refused send: exponential backoff with full
 * jitter, uniform in [0, min(MaxSendRetryDelayMs, SendRetryBaseDelayMs × 2^(retry − 1))). The doubling gives an
 * overloaded server more room after each refusal; the jitter spreads the clients it refused together over the whole
 * window, so they do not all come back at the same instant and get refused together again. `random` returns a number
 * in [0, 1) (tests pass their own).
 */
export function sendRetryDelay(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MaxSendRetryDelayMs, SendRetryBaseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
