import type { ChatMessage, MessageTags } from '../types';

/** An own message not yet acknowledged by the server, or whose send failed and may be retried. */
export interface PendingSend {
  clientMessageId: string;
  text: string;
  status: 'pending' | 'failed';
  error?: string;
}

/**
 * What a client knows of one room's messages. Correctness comes from `seq` (1, 2, 3, ... with no gaps per room):
 * messages are kept once per seq, ascending, and `lastSeq` is the highest seq up to which nothing is missing, so a
 * catch-up asks for `after=lastSeq` and never leaves a hole or shows a message twice.
 */
export interface Timeline {
  /** Acknowledged messages, ascending by seq, one per seq. */
  messages: ChatMessage[];
  /** Own sends waiting for their acknowledgement (matched by clientMessageId) or failed. */
  pending: PendingSend[];
  /** Highest seq such that every message from the first loaded one up to it is here; 0 before the first load. */
  lastSeq: number;
  /** Whether messages older than the first loaded one may exist. */
  hasOlder: boolean;
  /** Whether the room's starting point (a join) is known; before it, nothing can be called missing. */
  loaded: boolean;
}

export const emptyTimeline: Timeline = { messages: [], pending: [], lastSeq: 0, hasOlder: false, loaded: false };

/** Which copy of one message is the newest: a tombstone beats everything, then the later edit. */
function version(message: ChatMessage): number {
  if (message.deleted) {
    return Number.POSITIVE_INFINITY;
  }
  return message.editedAt ? Date.parse(message.editedAt) : 0;
}

function newer(existing: ChatMessage, incoming: ChatMessage): ChatMessage {
  const chosen = version(incoming) >= version(existing) ? incoming : existing;
  const tags = chosen.tags ?? (chosen === incoming ? existing.tags : incoming.tags);
  return tags === chosen.tags ? chosen : { ...chosen, tags };
}

/** Extends `from` while the next seq is present. */
function contiguousEnd(bySeq: Map<number, ChatMessage>, from: number): number {
  let seq = from;
  while (bySeq.has(seq + 1)) {
    seq++;
  }
  return seq;
}

/**
 * Adds messages (live, from a join window, a catch-up or an older page), keeping one copy per seq (the newest
 * version of it), and confirms the pending sends they acknowledge.
 */
export function mergeMessages(timeline: Timeline, incoming: readonly ChatMessage[]): Timeline {
  if (incoming.length === 0) {
    return timeline;
  }
  const bySeq = new Map<number, ChatMessage>();
  for (const message of timeline.messages) {
    bySeq.set(message.seq, message);
  }
  for (const message of incoming) {
    const existing = bySeq.get(message.seq);
    bySeq.set(message.seq, existing ? newer(existing, message) : message);
  }
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const acknowledged = new Set(incoming.map((m) => m.clientMessageId).filter((id): id is string => !!id));
  const pending = timeline.pending.filter((p) => !acknowledged.has(p.clientMessageId));
  const base = timeline.loaded ? timeline.lastSeq : messages[0].seq - 1;
  return {
    ...timeline,
    messages,
    pending: pending.length === timeline.pending.length ? timeline.pending : pending,
    lastSeq: contiguousEnd(bySeq, base),
    hasOlder: timeline.hasOlder && messages[0].seq > 1,
  };
}

/**
 * A message delivered live. `gap` is true when it arrived ahead of a missing one (delivery is best effort): the
 * caller then catches up with `after=lastSeq`.
 */
export function receiveLive(timeline: Timeline, message: ChatMessage): { timeline: Timeline; gap: boolean } {
  const next = mergeMessages(timeline, [message]);
  return { timeline: next, gap: message.seq > next.lastSeq };
}

/**
 * The answer of `JoinRoom` (the room's recent window and last seq). The first time it is the starting point; on a
 * rejoin (after a reconnect) it is merged, and `gap` says whether messages between what was shown and the window
 * are missing, so a catch-up from `lastSeq` is needed.
 */
export function applyJoin(timeline: Timeline, window: readonly ChatMessage[], lastSeq: number): { timeline: Timeline; gap: boolean } {
  if (!timeline.loaded) {
    const first = window.length === 0 ? lastSeq + 1 : window[0].seq;
    const start: Timeline = { ...timeline, loaded: true, lastSeq: first - 1, hasOlder: first > 1 };
    const next = mergeMessages(start, window);
    return { timeline: next, gap: lastSeq > next.lastSeq };
  }
  const next = mergeMessages(timeline, window);
  return { timeline: next, gap: lastSeq > next.lastSeq };
}

/** An older page (`before=` the first loaded seq); `limit` is the page size asked for. */
export function prependOlder(timeline: Timeline, page: readonly ChatMessage[], limit: number): Timeline {
  const next = mergeMessages(timeline, page);
  const first = next.messages[0]?.seq ?? 1;
  return { ...next, hasOlder: page.length >= limit && first > 1 };
}

/** Fetches every message after `after`, page by page, until a short page; bounded to `maxPages` pages. */
export async function fetchMissing(
  after: number,
  fetchPage: (after: number, limit: number) => Promise<ChatMessage[]>,
  limit = 200,
  maxPages = 50,
): Promise<ChatMessage[]> {
  const all: ChatMessage[] = [];
  let cursor = after;
  for (let page = 0; page < maxPages; page++) {
    const messages = await fetchPage(cursor, limit);
    all.push(...messages);
    if (messages.length < limit) {
      break;
    }
    cursor = messages[messages.length - 1].seq;
  }
  return all;
}

export function addPending(timeline: Timeline, clientMessageId: string, text: string): Timeline {
  const others = timeline.pending.filter((p) => p.clientMessageId !== clientMessageId);
  return { ...timeline, pending: [...others, { clientMessageId, text, status: 'pending' }] };
}

/** Marks a send failed (offered for retry with the same clientMessageId), unless it was acknowledged meanwhile. */
export function failPending(timeline: Timeline, clientMessageId: string, error: string): Timeline {
  return {
    ...timeline,
    pending: timeline.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, status: 'failed', error } : p)),
  };
}

export function retryPending(timeline: Timeline, clientMessageId: string): Timeline {
  return {
    ...timeline,
    pending: timeline.pending.map((p) =>
      p.clientMessageId === clientMessageId ? { clientMessageId, text: p.text, status: 'pending' } : p,
    ),
  };
}

export function discardPending(timeline: Timeline, clientMessageId: string): Timeline {
  return { ...timeline, pending: timeline.pending.filter((p) => p.clientMessageId !== clientMessageId) };
}

/** `MessageDeleted(roomId, seq)`: the message becomes a tombstone (empty text). */
export function applyDelete(timeline: Timeline, seq: number): Timeline {
  return {
    ...timeline,
    messages: timeline.messages.map((m) => (m.seq === seq ? { ...m, deleted: true, text: '', tags: null } : m)),
  };
}

/** `MessageTagged(roomId, seq, tags)`. */
export function applyTags(timeline: Timeline, seq: number, tags: MessageTags): Timeline {
  return {
    ...timeline,
    messages: timeline.messages.map((m) => (m.seq === seq && !m.deleted ? { ...m, tags } : m)),
  };
}
