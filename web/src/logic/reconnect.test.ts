import { describe, expect, it } from 'vitest';
import { MaxReconnectDelayMs, reconnectDelay } from './reconnect';

describe('reconnectDelay', () => {
  it('waits the spread the stopping server chose', () => {
    expect(reconnectDelay({ retryAfterMilliseconds: 1234 })).toBe(1234);
  });

  it('is bounded: never negative, never longer than the maximum', () => {
    expect(reconnectDelay({ retryAfterMilliseconds: -5 })).toBe(0);
    expect(reconnectDelay({ retryAfterMilliseconds: 10 ** 9 })).toBe(MaxReconnectDelayMs);
  });

  it('reconnects at once on a malformed notice', () => {
    expect(reconnectDelay(null)).toBe(0);
    expect(reconnectDelay({})).toBe(0);
    expect(reconnectDelay({ retryAfterMilliseconds: 'soon' })).toBe(0);
    expect(reconnectDelay({ retryAfterMilliseconds: Number.NaN })).toBe(0);
  });
});
