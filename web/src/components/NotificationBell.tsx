import { useEffect, useRef, useState } from 'react';
import type { ChatState, ChatStore } from '../chat/ChatStore';
import { BellIcon } from './Icons';

function timeAgo(iso: string): string {
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

/** The bell: unread count, and the inbox of mentions with "mark all read". */
export function NotificationBell({ store, state, onOpen }: { store: ChatStore; state: ChatState; onOpen: (roomId: string) => void }) {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const unread = state.unreadNotifications;

  useEffect(() => {
    if (!open) return;
    void store.loadNotifications();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (panel.current && !panel.current.parentElement?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open, store]);

  return (
    <div className="bell">
      <button
        type="button"
        className={`icon-button ${unread ? 'ringing' : ''}`}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="popover" ref={panel} role="region" aria-label="Notifications">
          <header className="popover-header">
            <h2>Notifications</h2>
            <button type="button" className="link-button" disabled={unread === 0} onClick={() => void store.markNotificationsRead()}>
              Mark all read
            </button>
          </header>
          {state.notifications.length === 0 ? (
            <p className="muted pad">Nothing yet. When someone @mentions you, it shows up here.</p>
          ) : (
            <ul className="inbox">
              {state.notifications.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className={`inbox-item ${n.read ? '' : 'unread'}`}
                    onClick={() => {
                      setOpen(false);
                      onOpen(n.roomId);
                    }}
                  >
                    <span className="inbox-line">
                      <strong>{n.from}</strong> mentioned you in <strong>{state.rooms[n.roomId]?.name ?? n.roomId}</strong>
                    </span>
                    <span className="inbox-excerpt">{n.excerpt}</span>
                    <span className="inbox-time">{timeAgo(n.createdAt)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
