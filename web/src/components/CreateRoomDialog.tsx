import { useState, type FormEvent } from 'react';
import type { ChatStore } from '../chat/ChatStore';
import { MaxRoomNameLength, MaxTopicLength } from '../types';
import { Dialog } from './Dialog';
import { FormError } from './FormError';

/** Creates a room (public or private); the creator owns it. */
export function CreateRoomDialog({ store, onClose }: { store: ChatStore; onClose: (roomId: string | null) => void }) {
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const room = await store.createRoom(name.trim(), topic.trim(), isPrivate);
      onClose(room.id);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <Dialog title="New room" onClose={() => onClose(null)}>
      <form onSubmit={(event) => void submit(event)} className="stack">
        <label className="field">
          <span>Name</span>
          <input required maxLength={MaxRoomNameLength} value={name} onChange={(e) => setName(e.target.value)} autoFocus placeholder="e.g. Design team" />
        </label>
        <label className="field">
          <span>Topic (optional)</span>
          <input maxLength={MaxTopicLength} value={topic} onChange={(e) => setTopic(e.target.value)} placeholder="What is this room about?" />
        </label>
        <label className="check">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />
          <span>
            <strong>Private</strong>
            <small className="muted">Only members you add can see it; its messages are encrypted at rest.</small>
          </span>
        </label>
        <FormError error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => onClose(null)}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || !name.trim()}>
            Create room
          </button>
        </div>
      </form>
    </Dialog>
  );
}
