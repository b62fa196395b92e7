import { useState, type FormEvent } from 'react';
import type { ChatStore, RoomState } from '../chat/ChatStore';
import { Avatar } from './Avatar';
import { MaxRoomNameLength, MaxTopicLength } from '../types';
import { Dialog } from './Dialog';
import { FormError } from './FormError';

/** For the owner: rename, topic, private or public, members, delete. */
export function RoomSettingsDialog({ store, room, onClose }: { store: ChatStore; room: RoomState; onClose: (deleted: boolean) => void }) {
  const [name, setName] = useState(room.name);
  const [topic, setTopic] = useState(room.topic ?? '');
  const [isPrivate, setPrivate] = useState(room.isPrivate);
  const [member, setMember] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function run(action: () => Promise<void>) {
    setError(null);
    setSaved(false);
    try {
      await action();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (await run(() => store.updateRoomSettings(room.id, { name: name.trim(), topic: topic.trim(), isPrivate }))) setSaved(true);
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (await run(() => store.addMember(room.id, member))) setMember('');
  }

  return (
    <Dialog title="Room settings" onClose={() => onClose(false)}>
      <form onSubmit={(event) => void save(event)} className="stack">
        <label className="field">
          <span>Name</span>
          <input required maxLength={MaxRoomNameLength} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Topic</span>
          <input maxLength={MaxTopicLength} value={topic} onChange={(e) => setTopic(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />
          <span>
            <strong>Private</strong>
            <small className="muted">Only members can see the room and its messages.</small>
          </span>
        </label>
        <div className="dialog-actions">
          {saved && (
            <span className="muted small" role="status">
              Saved
            </span>
          )}
          <button type="submit" className="button primary">
            Save
          </button>
        </div>
      </form>

      <section className="stack members" aria-labelledby="members-title">
        <h3 id="members-title">Members</h3>
        <ul className="member-list">
          {room.members.map((m) => (
            <li key={m}>
              <Avatar name={m} size="sm" />
              <span className="member-name">{m}</span>
              {m === room.owner ? (
                <span className="muted small">owner</span>
              ) : (
                <button type="button" className="button small" aria-label={`Remove ${m}`} onClick={() => void run(() => store.removeMember(room.id, m))}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
        <form onSubmit={(event) => void add(event)} className="inline-form">
          <label className="field grow">
            <span className="sr-only">User name to add</span>
            <input placeholder="Add a member by user name" value={member} onChange={(e) => setMember(e.target.value)} required aria-label="User name to add" />
          </label>
          <button type="submit" className="button">
            Add
          </button>
        </form>
      </section>

      <FormError error={error} />

      <section className="danger-zone">
        <button
          type="button"
          className="button danger"
          onClick={() => {
            if (window.confirm(`Delete the room "${room.name}" and all its messages?`)) {
              void run(() => store.deleteRoom(room.id)).then((ok) => ok && onClose(true));
            }
          }}
        >
          Delete room
        </button>
      </section>
    </Dialog>
  );
}
