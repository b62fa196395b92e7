import { describe, expect, it } from 'vitest';
import {
  addPending,
  applyDelete,
  applyJoin,
  applyTags,
  discardPending,
  emptyTimeline,
  failPending,
  fetchMissing,
  mergeMessages,
  prependOlder,
  receiveLive,
  retryPending,
  type Timeline,
} from './timeline';
import { message, range } from './testMessages';

const seqs = (t: Timeline) => t.messages.map((m) => m.seq);
const joined = (from: number, to: number) => applyJoin(emptyTimeline, range(from, to), to).timeline;

describe('join', () => {
  it('starts from the window and knows older history exists before it', () => {
    const { timeline, gap } = applyJoin(emptyTimeline, range(51, 150), 150);
    expect(seqs(timeline)).toEqual(range(51, 150).map((m) => m.seq));
    expect(timeline.lastSeq).toBe(150);
    expect(timeline.hasOlder).toBe(true);
    expect(gap).toBe(false);
  });

  it('of an empty room knows nothing is older and nothing is missing', () => {
    const { timeline, gap } = applyJoin(emptyTimeline, [], 0);
    expect(timeline).toMatchObject({ messages: [], lastSeq: 0, hasOlder: false, loaded: true });
    expect(gap).toBe(false);
  });

  it('after a reconnect with more missed than the window asks for a catch-up from what was shown', () => {
    const before = joined(1, 10);
    const { timeline, gap } = applyJoin(before, range(120, 219), 219);
    expect(gap).toBe(true);
    expect(timeline.lastSeq).toBe(10);
  });

  it('after a reconnect whose window covers the missed messages needs no catch-up', () => {
    const { timeline, gap } = applyJoin(joined(1, 10), range(5, 20), 20);
    expect(gap).toBe(false);
    expect(seqs(timeline)).toEqual(range(1, 20).map((m) => m.seq));
  });
});

describe('live delivery', () => {
  it('shows a message delivered twice once', () => {
    let t = joined(1, 3);
    t = receiveLive(t, message(4)).timeline;
    t = receiveLive(t, message(4)).timeline;
    expect(seqs(t)).toEqual([1, 2, 3, 4]);
    expect(t.lastSeq).toBe(4);
  });

  it('sees a gap when a message arrives ahead of a missing one', () => {
    const { timeline, gap } = receiveLive(joined(1, 3), message(6));
    expect(gap).toBe(true);
    expect(timeline.lastSeq).toBe(3);
  });

  it('closes the gap with the catch-up, with no duplicate of what came live', () => {
    let t = receiveLive(joined(1, 3), message(6)).timeline;
    t = mergeMessages(t, range(4, 7));
    expect(seqs(t)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(t.lastSeq).toBe(7);
    expect(receiveLive(t, message(8)).gap).toBe(false);
  });

  it('keeps messages that arrive before the join and merges the window around them', () => {
    let t = receiveLive(emptyTimeline, message(11)).timeline;
    const result = applyJoin(t, range(1, 10), 10);
    t = result.timeline;
    expect(seqs(t)).toEqual(range(1, 11).map((m) => m.seq));
    expect(t.lastSeq).toBe(11);
    expect(result.gap).toBe(false);
  });
});

describe('catch-up', () => {
  it('pages through everything after the last seq and stops at a short page', async () => {
    const server = range(1, 450);
    const asked: number[] = [];
    const fetched = await fetchMissing(20, (after, limit) => {
      asked.push(after);
      return Promise.resolve(server.filter((m) => m.seq > after).slice(0, limit));
    });
    expect(asked).toEqual([20, 220, 420]);
    expect(fetched.map((m) => m.seq)).toEqual(range(21, 450).map((m) => m.seq));
  });

  it('is bounded even when the server keeps answering full pages', async () => {
    let calls = 0;
    await fetchMissing(0, (after, limit) => {
      calls++;
      return Promise.resolve(range(after + 1, after + limit));
    }, 10, 3);
    expect(calls).toBe(3);
  });

  it('after a reconnect shows the messages sent meanwhile exactly once', async () => {
    const server = range(1, 300);
    let t = joined(1, 50);
    const rejoin = applyJoin(t, server.slice(-100), 300);
    t = rejoin.timeline;
    expect(rejoin.gap).toBe(true);
    t = mergeMessages(t, await fetchMissing(t.lastSeq, (after, limit) => Promise.resolve(server.filter((m) => m.seq > after).slice(0, limit))));
    expect(seqs(t)).toEqual(range(1, 300).map((m) => m.seq));
    expect(t.lastSeq).toBe(300);
  });
});

describe('older history', () => {
  it('prepends a page with no duplicate at the boundary and stops at seq 1', () => {
    let t = joined(51, 150);
    t = prependOlder(t, range(1, 51), 51);
    expect(seqs(t)).toEqual(range(1, 150).map((m) => m.seq));
    expect(new Set(seqs(t)).size).toBe(150);
    expect(t.hasOlder).toBe(false);
  });

  it('knows more is older after a full page that does not reach seq 1', () => {
    const t = prependOlder(joined(101, 150), range(51, 100), 50);
    expect(t.hasOlder).toBe(true);
    expect(t.lastSeq).toBe(150);
  });
});

describe('sending', () => {
  it('shows a send at once as pending and confirms it when the acknowledgement carries its clientMessageId', () => {
    let t = addPending(joined(1, 2), 'abc', 'hello');
    expect(t.pending).toEqual([{ clientMessageId: 'abc', text: 'hello', status: 'pending' }]);
    t = receiveLive(t, message(3, { clientMessageId: 'abc', text: 'hello' })).timeline;
    expect(t.pending).toEqual([]);
    expect(t.messages.at(-1)?.text).toBe('hello');
  });

  it('offers a failed send for retry under the same clientMessageId', () => {
    let t = failPending(addPending(joined(1, 2), 'abc', 'hello'), 'abc', 'rate limited');
    expect(t.pending[0]).toMatchObject({ clientMessageId: 'abc', status: 'failed', error: 'rate limited' });
    t = retryPending(t, 'abc');
    expect(t.pending).toEqual([{ clientMessageId: 'abc', text: 'hello', status: 'pending' }]);
  });

  it('confirms a failed send whose acknowledgement was lost when the message shows up after all', () => {
    let t = failPending(addPending(joined(1, 2), 'abc', 'hello'), 'abc', 'connection lost');
    t = mergeMessages(t, [message(3, { clientMessageId: 'abc' })]);
    expect(t.pending).toEqual([]);
  });

  it('drops a discarded send', () => {
    expect(discardPending(addPending(emptyTimeline, 'abc', 'hi'), 'abc').pending).toEqual([]);
  });
});

describe('edits, deletes and tags', () => {
  it('keeps the edited text when an older copy of the message arrives later', () => {
    const edited = message(2, { text: 'fixed', editedAt: '2026-01-01T13:00:00.000Z' });
    let t = mergeMessages(joined(1, 3), [edited]);
    t = mergeMessages(t, [message(2)]);
    expect(t.messages[1].text).toBe('fixed');
  });

  it('turns a deleted message into a tombstone that a stale copy does not bring back', () => {
    let t = applyDelete(joined(1, 3), 2);
    expect(t.messages[1]).toMatchObject({ deleted: true, text: '' });
    t = mergeMessages(t, [message(2)]);
    expect(t.messages[1].deleted).toBe(true);
  });

  it('adds tags and keeps them when a copy without tags arrives', () => {
    const tags = { sentiment: 'negative' as const, sentimentScore: -0.5, profane: true, profaneRanges: [{ start: 0, length: 4 }] };
    let t = applyTags(joined(1, 3), 3, tags);
    t = mergeMessages(t, [message(3)]);
    expect(t.messages[2].tags).toEqual(tags);
  });
});
