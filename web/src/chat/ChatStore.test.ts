import { HubConnectionState } from '@microsoft/signalr';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api';
import { MaxSendRetries } from '../logic/sendRetry';
import { message } from '../logic/testMessages';
import type { JoinResult } from '../types';
import { ChatStore } from './ChatStore';

// The store builds its own SignalR connection; the builder is replaced so that it hands out the test's fake instead.
const hub = vi.hoisted((): { connection: unknown } => ({ connection: null }));

vi.mock('@microsoft/signalr', async (importOriginal) => {
  const signalR = await importOriginal<typeof import('@microsoft/signalr')>();
  class HubConnectionBuilder {
    withUrl() {
      return this;
    }
    withAutomaticReconnect() {
      return this;
    }
    configureLogging() {
      return this;
    }
    build() {
      return hub.connection;
    }
  }
  return { ...signalR, HubConnectionBuilder };
});

type Answer = (...args: unknown[]) => unknown;

/** A connected hub connection whose calls are answered by the test, one scripted answer per `SendMessage`. */
class FakeHubConnection {
  state = HubConnectionState.Connected;
  readonly sendAnswers: Answer[] = [];
  private readonly handlers = new Map<string, (...args: never[]) => void>();

  // eslint-disable-next-line @typescript-eslint/require-await -- async so that a scripted refusal's throw reaches the store as a rejection, as SignalR's do
  readonly invoke = vi.fn(async (method: string, ...args: unknown[]): Promise<unknown> => {
    if (method === 'JoinRoom') return joinResult(args[0] as string);
    if (method === 'SendMessage') {
      const answer = this.sendAnswers.shift();
      if (!answer) throw new Error('The test scripted no answer for this SendMessage.');
      return answer(...args);
    }
    throw new Error(`Unexpected hub call ${method}.`);
  });

  on(event: string, handler: (...args: never[]) => void) {
    this.handlers.set(event, handler);
  }
  onreconnecting() {}
  onreconnected() {}
  onclose() {}
  async start() {}
  async stop() {}

  /** A hub event, as the server pushes it. */
  push(event: string, ...args: unknown[]) {
    (this.handlers.get(event) as ((...args: unknown[]) => void) | undefined)?.(...args);
  }

  sendCalls() {
    return this.invoke.mock.calls.filter(([method]) => method === 'SendMessage').map(([, ...args]) => args);
  }
}

function joinResult(roomId: string): JoinResult {
  return {
    room: { id: roomId, name: roomId, topic: null, isPrivate: false, owner: 'alice', createdAt: '2026-01-01T00:00:00Z', members: [], lastSeq: 0 },
    messages: [],
    lastSeq: 0,
    online: ['alice'],
  };
}

/** A refusal as the SignalR client reports the server's `HubException("{Code}: {message}")`. */
function refused(code: string, text: string): Answer {
  return () => {
    throw new Error(`An unexpected error occurred invoking 'SendMessage' on the server. HubException: ${code}: ${text}`);
  };
}

const busy = refused('Unavailable', 'The server is busy. Try again in a second; resend with the same clientMessageId.');

/** The stored message the server returns for a send (and for any repeat of it). */
function stored(seq: number): Answer {
  return (roomId, text, clientMessageId) => message(seq, { roomId: roomId as string, text: text as string, clientMessageId: clientMessageId as string });
}

let connection: FakeHubConnection;
let store: ChatStore;

beforeEach(async () => {
  vi.useFakeTimers();
  // The middle of every backoff window: the first resend waits 250 ms, the second 500 ms, ...
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
  connection = new FakeHubConnection();
  hub.connection = connection;
  store = new ChatStore(new ApiClient(), 'alice', () => {});
  await store.join('general');
});

afterEach(async () => {
  await store.stop();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const room = () => store.getSnapshot().rooms.general.timeline;

describe('ChatStore sends refused with Unavailable', () => {
  it('are resent by themselves with the same clientMessageId until acknowledged, shown pending meanwhile', async () => {
    connection.sendAnswers.push(busy, busy, stored(1));

    const sending = store.send('general', 'hello', 'c-hello');
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.sendCalls()).toHaveLength(1);
    expect(room().pending).toEqual([{ clientMessageId: 'c-hello', text: 'hello', status: 'pending' }]);

    // The backoff is waited out: nothing is resent before it.
    await vi.advanceTimersByTimeAsync(249);
    expect(connection.sendCalls()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(connection.sendCalls()).toHaveLength(2);
    expect(room().pending.map((p) => p.status)).toEqual(['pending']);

    await vi.advanceTimersByTimeAsync(500);
    await sending;

    expect(connection.sendCalls()).toEqual([
      ['general', 'hello', 'c-hello'],
      ['general', 'hello', 'c-hello'],
      ['general', 'hello', 'c-hello'],
    ]);
    expect(room().pending).toEqual([]);
    expect(room().messages.map((m) => [m.seq, m.clientMessageId, m.text])).toEqual([[1, 'c-hello', 'hello']]);
  });

  it('are marked failed with the server message once the retries are used up', async () => {
    connection.sendAnswers.push(...Array.from({ length: MaxSendRetries + 1 }, () => busy));

    const sending = store.send('general', 'hello', 'c-hello');
    await vi.advanceTimersByTimeAsync(60_000);
    await sending;

    expect(connection.sendCalls()).toHaveLength(MaxSendRetries + 1);
    expect(room().pending).toEqual([
      {
        clientMessageId: 'c-hello',
        text: 'hello',
        status: 'failed',
        error: 'The server is busy. Try again in a second; resend with the same clientMessageId.',
      },
    ]);
  });

  it('stop being resent when the live copy arrives during the wait', async () => {
    connection.sendAnswers.push(busy);

    const sending = store.send('general', 'hello', 'c-hello');
    await vi.advanceTimersByTimeAsync(0);
    // The refused call had been stored after all: its live copy acknowledges it.
    connection.push('MessageReceived', message(1, { text: 'hello', clientMessageId: 'c-hello' }));
    await vi.advanceTimersByTimeAsync(60_000);
    await sending;

    expect(connection.sendCalls()).toHaveLength(1);
    expect(room().pending).toEqual([]);
    expect(room().messages.map((m) => m.clientMessageId)).toEqual(['c-hello']);
  });

  it('are not resent while the connection is not connected', async () => {
    connection.sendAnswers.push(() => {
      connection.state = HubConnectionState.Reconnecting;
      return busy();
    });

    const sending = store.send('general', 'hello', 'c-hello');
    await vi.advanceTimersByTimeAsync(60_000);
    await sending;

    expect(connection.sendCalls()).toHaveLength(1);
    expect(room().pending.map((p) => [p.status, p.error])).toEqual([
      ['failed', 'The server is busy. Try again in a second; resend with the same clientMessageId.'],
    ]);
  });

  it('leave no timer behind when the store stops during the wait', async () => {
    connection.sendAnswers.push(busy, stored(1));

    const sending = store.send('general', 'hello', 'c-hello');
    await vi.advanceTimersByTimeAsync(0);
    await store.stop();

    expect(vi.getTimerCount()).toBe(0);
    await sending;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(connection.sendCalls()).toHaveLength(1);
  });
});

describe('ChatStore sends refused otherwise', () => {
  it('are marked failed at once when rate limited, and not resent', async () => {
    connection.sendAnswers.push(refused('RateLimited', 'Slow down.'), stored(1));

    const sending = store.send('general', 'hello', 'c-hello');
    await vi.advanceTimersByTimeAsync(60_000);
    await sending;

    expect(connection.sendCalls()).toHaveLength(1);
    expect(room().pending.map((p) => [p.status, p.error])).toEqual([['failed', 'You are sending too fast. Wait a moment, then retry.']]);
  });

  it('are marked failed at once with the server message when forbidden, and not resent', async () => {
    connection.sendAnswers.push(refused('Forbidden', 'You are not a member of this room.'), stored(1));

    const sending = store.send('general', 'hello', 'c-hello');
    await vi.advanceTimersByTimeAsync(60_000);
    await sending;

    expect(connection.sendCalls()).toHaveLength(1);
    expect(room().pending.map((p) => [p.status, p.error])).toEqual([['failed', 'You are not a member of this room.']]);
  });
});
