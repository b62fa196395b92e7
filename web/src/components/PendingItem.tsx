import type { ChatStore } from '../chat/ChatStore';
import type { PendingSend } from '../logic/timeline';
import { Avatar } from './Avatar';
import { RichText } from './RichText';

/** An own message on its way (pending) or refused (failed, with retry under the same clientMessageId). */
export function PendingItem({ store, roomId, pending, userName }: { store: ChatStore; roomId: string; pending: PendingSend; userName: string }) {
  const failed = pending.status === 'failed';
  return (
    <li className={`message mine ${failed ? 'failed' : 'pending'}`} data-client-id={pending.clientMessageId} data-status={pending.status}>
      <div className="message-gutter">
        <Avatar name={userName} />
      </div>
      <div className="message-main">
        <div className="message-meta">
          <span className="author">{userName}</span>
          <span className="status">{failed ? 'Not sent' : 'Sending…'}</span>
        </div>
        <p className="message-text">
          <RichText text={pending.text} me={userName} />
        </p>
        {failed && (
          <p className="send-error" role="alert">
            {pending.error}{' '}
            <button type="button" className="link-button" onClick={() => void store.retry(roomId, pending.clientMessageId)}>
              Retry
            </button>{' '}
            ·{' '}
            <button type="button" className="link-button" onClick={() => store.discard(roomId, pending.clientMessageId)}>
              Discard
            </button>
          </p>
        )}
      </div>
    </li>
  );
}
