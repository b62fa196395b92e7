import { useCallback, useMemo, useState } from 'react';
import { ApiClient } from './api';
import { AuthScreen } from './components/AuthScreen';
import { ChatApp } from './components/ChatApp';
import { loadSession, saveSession } from './session';
import type { AuthResponse } from './types';

export function App() {
  const [session, setSession] = useState<AuthResponse | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback((reason: string | null) => {
    saveSession(null);
    setSession(null);
    setNotice(reason);
  }, []);

  // One client per session: it carries that session's token, and a 401 on it ends the session.
  const token = session?.token ?? null;
  const api = useMemo(() => new ApiClient(token, () => signOut('Your session has ended: sign in again.')), [token, signOut]);

  if (!session) {
    return (
      <AuthScreen
        api={api}
        notice={notice}
        onSignedIn={(s) => {
          saveSession(s);
          setNotice(null);
          setSession(s);
        }}
      />
    );
  }
  return <ChatApp key={session.token} api={api} userName={session.userName} onSignOut={signOut} />;
}
