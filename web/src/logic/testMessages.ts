import type { ChatMessage } from '../types';

/** A stored message as the server would send it, for tests. */
export function message(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    roomId: 'general',
    seq,
    id: `m${seq}`,
    author: 'alice',
    text: `message ${seq}`,
    sentAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
    clientMessageId: `c${seq}`,
    editedAt: null,
    deleted: false,
    tags: null,
    ...overrides,
  };
}

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
