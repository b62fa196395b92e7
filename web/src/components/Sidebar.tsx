import { useState } from 'react';
import { unreadCount, type ChatState, type ChatStore, type RoomState } from '../chat/ChatStore';
import { Logo } from './Logo';
import { Avatar } from './Avatar';
import { CreateRoomDialog } from './CreateRoomDialog';
import { HashIcon, LockIcon, PlusIcon, SignOutIcon } from './Icons';
import { NotificationBell } from './NotificationBell';

interface Props {
  store: ChatStore;
  state: ChatState;
  onOpen: (roomId: string | null) => void;
  onSignOut: () => void;
}

function RoomLink({ room, active, onOpen }: { room: RoomState; active: boolean; onOpen: (id: string) => void }) {
  const unread = room.mine && !active ? unreadCount(room) : 0;
  const mentions = active ? 0 : room.mentions;
  const label = [room.name, room.isPrivate ? 'private' : null, unread ? `${unread} unread` : null, mentions ? `${mentions} mentions` : null]
    .filter(Boolean)
    .join(', ');
  return (
    <li>
      <a
        href={`/r/${room.id}`}
        className={`room-link ${active ? 'active' : ''} ${unread ? 'unread' : ''}`}
        aria-current={active ? 'page' : undefined}
        aria-label={label}
        data-room={room.id}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey) return;
          e.preventDefault();
          onOpen(room.id);
        }}
      >
        <span className="room-icon">{room.isPrivate ? <LockIcon /> : <HashIcon />}</span>
        <span className="room-name">{room.name}</span>
        {mentions > 0 && (
          <span className="badge mention" data-testid="mention-badge">
            @{mentions}
          </span>
        )}
        {unread > 0 && (
          <span className="badge" data-testid="unread-badge">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </a>
    </li>
  );
}

/** The user, the bell and the rooms: the user's own with live badges, then the others they may join. */
export function Sidebar({ store, state, onOpen, onSignOut }: Props) {
  const [creating, setCreating] = useState(false);
  const rooms = Object.values(state.rooms).sort((a, b) => a.name.localeCompare(b.name));
  const mine = rooms.filter((r) => r.mine);
  const others = rooms.filter((r) => !r.mine);

  return (
    <nav className="sidebar" aria-label="Rooms">
      <header className="sidebar-header">
        <a
          href="/"
          className="brand"
          onClick={(e) => {
            e.preventDefault();
            onOpen(null);
          }}
        >
          <Logo />
          Chat
        </a>
        <NotificationBell store={store} state={state} onOpen={onOpen} />
      </header>

      <div className="sidebar-scroll">
        <div className="section-title">
          <h2>Your rooms</h2>
          <button type="button" className="icon-button" aria-label="New room" title="New room" onClick={() => setCreating(true)}>
            <PlusIcon />
          </button>
        </div>
        {mine.length === 0 ? (
          <p className="muted small pad">No rooms yet. Create one or join one below.</p>
        ) : (
          <ul className="room-list">
            {mine.map((room) => (
              <RoomLink key={room.id} room={room} active={room.id === state.activeRoomId} onOpen={onOpen} />
            ))}
          </ul>
        )}
        {others.length > 0 && (
          <>
            <div className="section-title">
              <h2>More rooms</h2>
            </div>
            <ul className="room-list">
              {others.map((room) => (
                <RoomLink key={room.id} room={room} active={room.id === state.activeRoomId} onOpen={onOpen} />
              ))}
            </ul>
          </>
        )}
      </div>

      <footer className="sidebar-footer">
        <div className="me-chip">
          <Avatar name={state.userName} size="sm" />
          <span className="me-name" data-testid="signed-in-user">
            {state.userName}
          </span>
          <button type="button" className="icon-button" aria-label="Sign out" title="Sign out" onClick={onSignOut}>
            <SignOutIcon />
          </button>
        </div>
        {state.servedBy && (
          <p className="served-by" title="The instance that served this page's last request">
            Served by <span data-testid="served-by">{state.servedBy}</span>
          </p>
        )}
      </footer>

      {creating && (
        <CreateRoomDialog
          store={store}
          onClose={(roomId) => {
            setCreating(false);
            if (roomId) onOpen(roomId);
          }}
        />
      )}
    </nav>
  );
}
