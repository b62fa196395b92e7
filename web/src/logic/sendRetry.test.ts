import { describe, expect, it } from 'vitest';
import { MaxSendRetries, MaxSendRetryDelayMs, SendRetryBaseDelayMs, sendRetryDelay } from './sendRetry';

/** The largest value `Math.random` can return. */
const almostOne = 1 - Number.EPSILON;

describe('sendRetryDelay', () => {
  it('doubles the longest wait with each retry, from the base', () => {
    const longest = Array.from({ length: MaxSendRetries }, (_, i) => sendRetryDelay(i + 1, () => almostOne));
    expect(longest).toEqual([499, 999, 1999, 3999]);
  });

  it('spreads the wait over the whole window (full jitter), down to none at all', () => {
    expect(sendRetryDelay(3, () => 0)).toBe(0);
    expect(sendRetryDelay(3, () => 0.25)).toBe(500);
    expect(sendRetryDelay(3, () => 0.5)).toBe(1000);
  });

  it('never waits longer than the cap, however many retries came before', () => {
    expect(sendRetryDelay(5, () => almostOne)).toBe(MaxSendRetryDelayMs - 1);
    expect(sendRetryDelay(100, () => almostOne)).toBe(MaxSendRetryDelayMs - 1);
    expect(sendRetryDelay(2000, () => 0.5)).toBe(MaxSendRetryDelayMs / 2);
  });

  it('keeps the last attempt within a few seconds of the first refusal', () => {
    let total = 0;
    for (let retry = 1; retry <= MaxSendRetries; retry++) total += sendRetryDelay(retry, () => almostOne);
    expect(total).toBeLessThan(7_500);
  });

  it('uses Math.random when no source is given', () => {
    for (let i = 0; i < 100; i++) {
      const delay = sendRetryDelay(2);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(2 * SendRetryBaseDelayMs);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });
});
