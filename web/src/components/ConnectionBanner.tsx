import type { ConnectionState } from '../chat/ChatStore';

/** Says when live delivery is down; messages sent meanwhile are caught up by seq once it is back. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  if (state === 'connected') return null;
  return (
    <div className="banner" role="status" data-connection={state}>
      <span className="spinner" aria-hidden="true" />
      {state === 'connecting' ? 'Connecting…' : 'Connection lost. Reconnecting…'}
    </div>
  );
}
