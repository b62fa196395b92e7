/** The codes a refused hub call ends its error text with (`{Code}: {message}`). */
export type ChatErrorCode = 'Invalid' | 'NotFound' | 'Forbidden' | 'Conflict' | 'RateLimited' | 'Unavailable';

const pattern = /(Invalid|NotFound|Forbidden|Conflict|RateLimited|Unavailable|Unauthorized): ([\s\S]*)$/;

/** Reads `{Code}: {message}` from a hub error; null code when the error is not a refusal (a lost connection, say). */
export function parseHubError(error: unknown): { code: ChatErrorCode | 'Unauthorized' | null; message: string } {
  const text = error instanceof Error ? error.message : String(error);
  const match = pattern.exec(text);
  return match ? { code: match[1] as ChatErrorCode, message: match[2] } : { code: null, message: text };
}
