import { memo, useState, type KeyboardEvent } from 'react';
import type { ChatStore } from '../chat/ChatStore';
import { mentionedUsers } from '../logic/mentions';
import { MaxMessageLength, type ChatMessage } from '../types';
import { Avatar } from './Avatar';
import { RichText } from './RichText';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

const sentimentLabel = { positive: 'Positive tone', neutral: 'Neutral tone', negative: 'Negative tone' } as const;

interface Props {
  store: ChatStore;
  message: ChatMessage;
  userName: string;
  canDelete: boolean;
  compact: boolean;
}

/** One acknowledged message, with edit and delete for its author (delete also for the room's owner). */
export const MessageItem = memo(function MessageItem({ store, message, userName, canDelete, compact }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.text);
  const mine = message.author === userName;
  const sentAt = new Date(message.sentAt);
  const mentionsMe = !message.deleted && !mine && mentionedUsers(message.text).includes(userName);

  async function save() {
    const text = draft.trim();
    if (!text || text === message.text) {
      setEditing(false);
      return;
    }
    if (await store.edit(message.roomId, message.seq, text)) setEditing(false);
  }

  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      setEditing(false);
      setDraft(message.text);
    }
  }

  return (
    <li
      className={`message ${compact ? 'compact' : ''} ${mine ? 'mine' : ''} ${mentionsMe ? 'mentions-me' : ''}`}
      data-seq={message.seq}
      data-author={message.author}
    >
      <div className="message-gutter">
        {compact ? (
          <time className="hover-time" dateTime={message.sentAt} title={fullFormat.format(sentAt)}>
            {timeFormat.format(sentAt)}
          </time>
        ) : (
          <Avatar name={message.author} />
        )}
      </div>
      <div className="message-main">
        {!compact && (
          <div className="message-meta">
            <span className="author">{message.author}</span>
            <time dateTime={message.sentAt} title={fullFormat.format(sentAt)}>
              {timeFormat.format(sentAt)}
            </time>
          </div>
        )}
        {message.deleted ? (
          <p className="message-text tombstone">This message was deleted.</p>
        ) : editing ? (
          <div className="edit-box">
            <textarea
              aria-label="Edit message"
              value={draft}
              maxLength={MaxMessageLength}
              autoFocus
              rows={Math.min(6, draft.split('\n').length)}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={onKey}
            />
            <div className="edit-actions">
              <span className="muted small">Enter to save · Esc to cancel</span>
              <button type="button" className="button small" onClick={() => setEditing(false)}>
                Cancel
              </button>
              <button type="button" className="button small primary" onClick={() => void save()}>
                Save
              </button>
            </div>
          </div>
        ) : (
          <p className="message-text">
            <RichText key={message.text} text={message.text} profaneRanges={message.tags?.profaneRanges} me={userName} />
            {message.editedAt && (
              <span className="edited" title={`Edited ${fullFormat.format(new Date(message.editedAt))}`}>
                (edited)
              </span>
            )}
            {message.tags && message.tags.sentiment !== 'neutral' && (
              <span
                className={`sentiment ${message.tags.sentiment}`}
                role="img"
                aria-label={sentimentLabel[message.tags.sentiment]}
                title={`${sentimentLabel[message.tags.sentiment]} (${message.tags.sentimentScore.toFixed(2)})`}
              />
            )}
          </p>
        )}
      </div>
      {!message.deleted && !editing && (mine || canDelete) && (
        <div className="message-actions">
          {mine && (
            <button
              type="button"
              className="button small ghost"
              aria-label={`Edit message ${message.seq}`}
              onClick={() => {
                setDraft(message.text);
                setEditing(true);
              }}
            >
              Edit
            </button>
          )}
          {canDelete && (
            <button
              type="button"
              className="button small ghost"
              aria-label={`Delete message ${message.seq}`}
              onClick={() => {
                if (window.confirm('Delete this message?')) void store.remove(message.roomId, message.seq);
              }}
            >
              Delete
            </button>
          )}
        </div>
      )}
    </li>
  );
});
