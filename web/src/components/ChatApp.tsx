import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api';
import { ChatStore } from '../chat/ChatStore';
import { ConnectionBanner } from './ConnectionBanner';
import { RoomView } from './RoomView';
import { Sidebar } from './Sidebar';

interface Props {
  api: ApiClient;
  userName: string;
  onSignOut: (reason: string | null) => void;
}

const roomPath = /^\/r\/([a-z0-9-]{1,64})\/?$/;

function roomFromLocation(): string | null {
  return roomPath.exec(window.location.pathname)?.[1] ?? null;
}

/** The signed-in app. Its store (and hub connection) lives exactly as long as this component is mounted. */
export function ChatApp({ api, userName, onSignOut }: Props) {
  const [store, setStore] = useState<ChatStore | null>(null);

  useEffect(() => {
    const created = new ChatStore(api, userName, onSignOut);
    // The store opens a hub connection and cannot restart once stopped, so each run of this effect (StrictMode runs it
    // twice) makes its own beside the stop() that ends it, then publishes it; the render that follows is intended.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- publishing a resource this effect owns, not derived state
    setStore(created);
    void created.start().catch(() => {});
    return () => void created.stop();
  }, [api, userName, onSignOut]);

  return store ? <ChatShell store={store} onSignOut={onSignOut} /> : null;
}

/** Room list beside the open room; on a phone one of the two at a time. */
function ChatShell({ store, onSignOut }: { store: ChatStore; onSignOut: (reason: string | null) => void }) {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [routeRoom, setRouteRoom] = useState(roomFromLocation);

  useEffect(() => {
    const onPop = () => setRouteRoom(roomFromLocation());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    void store.open(routeRoom);
  }, [store, routeRoom]);

  useEffect(() => {
    const onVisible = () => store.scheduleMarkRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [store]);

  const navigate = (roomId: string | null) => {
    const path = roomId ? `/r/${roomId}` : '/';
    if (window.location.pathname !== path) window.history.pushState(null, '', path);
    setRouteRoom(roomId);
  };

  const active = state.activeRoomId ? state.rooms[state.activeRoomId] : undefined;

  return (
    <div className={`app ${active ? 'has-room' : 'no-room'}`}>
      <Sidebar store={store} state={state} onOpen={navigate} onSignOut={() => onSignOut(null)} />
      <main className="main" aria-label={active ? `Room ${active.name}` : 'No room open'}>
        <ConnectionBanner state={state.connection} />
        {active ? (
          <RoomView key={active.id} store={store} room={active} userName={state.userName} onBack={() => navigate(null)} onClosed={() => navigate(null)} />
        ) : (
          <div className="empty-state">
            {state.closedRoom ? (
              <div role="alert" className="closed-room">
                <h2>This room is closed</h2>
                <p className="muted">It was deleted, or you no longer have access to it.</p>
              </div>
            ) : (
              <div>
                <h2>Pick a room</h2>
                <p className="muted">Choose a room on the left, or create one to start talking.</p>
              </div>
            )}
          </div>
        )}
        {state.toast && (
          <div className="toast" role="alert">
            {state.toast.text}
          </div>
        )}
      </main>
    </div>
  );
}
