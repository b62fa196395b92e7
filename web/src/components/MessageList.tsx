import { Fragment, useEffect, useLayoutEffect, useRef } from 'react';
import type { ChatStore, RoomState } from '../chat/ChatStore';
import type { ChatMessage } from '../types';
import { MessageItem } from './MessageItem';
import { PendingItem } from './PendingItem';

const groupWindowMs = 5 * 60 * 1000;

function dayLabel(iso: string): string {
  const date = new Date(iso);
  const today = new Date();
  const yesterday = new Date(today.getTime() - 86_400_000);
  if (date.toDateString() === today.toDateString()) return 'Today';
  if (date.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return date.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
}

function continues(previous: ChatMessage | undefined, message: ChatMessage): boolean {
  return (
    !!previous &&
    previous.author === message.author &&
    !previous.deleted &&
    Date.parse(message.sentAt) - Date.parse(previous.sentAt) < groupWindowMs &&
    new Date(previous.sentAt).toDateString() === new Date(message.sentAt).toDateString()
  );
}

/**
 * The room's history: loads older pages when scrolled near the top (keeping the view where it was), follows new
 * messages while the reader is at the bottom.
 */
export function MessageList({ store, room, userName }: { store: ChatStore; room: RoomState; userName: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ firstSeq: number; height: number; top: number } | null>(null);
  const { messages, pending, hasOlder } = room.timeline;
  const firstSeq = messages[0]?.seq ?? 0;
  const isOwner = room.owner === userName;

  // Keep the reader's place when older messages are prepended; otherwise stick to the bottom if they were there.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const saved = anchor.current;
    if (saved && saved.firstSeq !== firstSeq) {
      el.scrollTop = saved.top + (el.scrollHeight - saved.height);
      anchor.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, pending, firstSeq]);

  // A short room does not scroll: keep loading until it does or nothing older is left.
  useEffect(() => {
    const el = scroller.current;
    if (el && hasOlder && !room.loadingOlder && el.scrollHeight <= el.clientHeight + 40) {
      anchor.current = { firstSeq, height: el.scrollHeight, top: el.scrollTop };
      void store.loadOlder(room.id);
    }
  }, [hasOlder, room.loadingOlder, firstSeq, store, room.id]);

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
    if (el.scrollTop < 200 && hasOlder && !room.loadingOlder) {
      anchor.current = { firstSeq, height: el.scrollHeight, top: el.scrollTop };
      void store.loadOlder(room.id);
    }
  }

  return (
    <div className="messages" ref={scroller} onScroll={onScroll} role="log" aria-label={`Messages in ${room.name}`} aria-live="polite" tabIndex={0}>
      <div className="history-edge">
        {room.loadingOlder ? (
          <span className="muted small">Loading older messages…</span>
        ) : hasOlder ? (
          <button type="button" className="link-button small" onClick={() => void store.loadOlder(room.id)}>
            Load older messages
          </button>
        ) : room.timeline.loaded ? (
          <div className="room-start">
            <h2>Welcome to {room.name}</h2>
            <p className="muted">This is the start of the room{room.topic ? `: ${room.topic}` : '.'}</p>
          </div>
        ) : null}
      </div>
      <ol className="message-list">
        {messages.map((message, i) => {
          const previous = messages[i - 1];
          const newDay = !previous || new Date(previous.sentAt).toDateString() !== new Date(message.sentAt).toDateString();
          return (
            <Fragment key={message.seq}>
              {newDay && (
                <li className="day-divider" role="separator">
                  <span>{dayLabel(message.sentAt)}</span>
                </li>
              )}
              <MessageItem
                store={store}
                message={message}
                userName={userName}
                canDelete={message.author === userName || isOwner}
                compact={!newDay && continues(previous, message)}
              />
            </Fragment>
          );
        })}
        {pending.map((p) => (
          <PendingItem key={p.clientMessageId} store={store} roomId={room.id} pending={p} userName={userName} />
        ))}
      </ol>
    </div>
  );
}
