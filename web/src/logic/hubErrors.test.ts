import { describe, expect, it } from 'vitest';
import { parseHubError } from './hubErrors';

describe('parseHubError', () => {
  it('reads the code and message a refused hub call ends with', () => {
    const error = new Error("An unexpected error occurred invoking 'SendMessage' on the server. HubException: RateLimited: Slow down.");
    expect(parseHubError(error)).toEqual({ code: 'RateLimited', message: 'Slow down.' });
  });

  it('has no code for a lost connection', () => {
    expect(parseHubError(new Error('Invocation canceled due to the underlying connection being closed.')).code).toBeNull();
  });
});
