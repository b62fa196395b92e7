import { useState } from 'react';
import { unreadCount, type ChatStore, type RoomState } from '../chat/ChatStore';
import { Avatar } from './Avatar';
import { Composer } from './Composer';
import { BackIcon, GearIcon, HashIcon, LockIcon } from './Icons';
import { MessageList } from './MessageList';
import { RoomSettingsDialog } from './RoomSettingsDialog';

interface Props {
  store: ChatStore;
  room: RoomState;
  userName: string;
  onBack: () => void;
  onClosed: () => void;
}

function typingText(names: string[]): string {
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

/** One room: header with who is online, the history, typing and notices, the composer. */
export function RoomView({ store, room, userName, onBack, onClosed }: Props) {
  const [settings, setSettings] = useState(false);
  const isOwner = room.owner === userName;
  const typing = Object.keys(room.typing);
  const online = [...room.online].sort();
  const candidates = new Set([...room.members, ...room.online, ...room.timeline.messages.map((m) => m.author)]);

  return (
    <section className="room" aria-labelledby="room-title" data-room-id={room.id} data-joined={room.joined}>
      <header className="room-header">
        <button type="button" className="icon-button back" aria-label="Back to rooms" onClick={onBack}>
          <BackIcon />
          {unreadCount(room) > 0 && <span className="dot" aria-hidden="true" />}
        </button>
        <div className="room-title">
          <h1 id="room-title">
            <span className="room-icon" title={room.isPrivate ? 'Private room' : 'Public room'}>
              {room.isPrivate ? <LockIcon size={16} /> : <HashIcon size={16} />}
            </span>
            <span data-testid="room-name">{room.name}</span>
            {room.isPrivate && <span className="sr-only">(private)</span>}
          </h1>
          {room.topic && <p className="room-topic">{room.topic}</p>}
        </div>
        <div className="presence" aria-label={`${online.length} online: ${online.join(', ')}`} data-testid="online-list">
          <div className="presence-avatars" aria-hidden="true">
            {online.slice(0, 4).map((name) => (
              <span key={name} title={name} data-user={name}>
                <Avatar name={name} size="sm" />
              </span>
            ))}
          </div>
          <span className="presence-count" aria-hidden="true">
            <span className="online-dot" /> {online.length} online
          </span>
        </div>
        {isOwner && (
          <button type="button" className="icon-button" aria-label="Room settings" title="Room settings" onClick={() => setSettings(true)}>
            <GearIcon />
          </button>
        )}
      </header>

      <MessageList store={store} room={room} userName={userName} />

      <div className="room-status" aria-live="polite">
        {room.notices.map((n) => (
          <p key={n.id} className="notice">
            {n.text}
          </p>
        ))}
        {typing.length > 0 && <p className="typing">{typingText(typing)}</p>}
      </div>

      <Composer store={store} roomId={room.id} candidates={candidates} userName={userName} disabled={!room.joined} />

      {settings && (
        <RoomSettingsDialog
          store={store}
          room={room}
          onClose={(deleted) => {
            setSettings(false);
            if (deleted) onClosed();
          }}
        />
      )}
    </section>
  );
}
