import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api';
import { AuthScreen } from './components/AuthScreen';
import { ChatApp } from './components/ChatApp';
import { loadSession, saveSession } from './session';
import type { AuthResponse } from './types';

export function App() {
  const api = useMemo(() => new ApiClient(), []);
  const [session, setSession] = useState<AuthResponse | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  api.token = session?.token ?? null;

  const signOut = useCallback((reason: string | null) => {
    saveSession(null);
    setSession(null);
    setNotice(reason);
  }, []);

  useEffect(() => {
    api.onUnauthorized = () => signOut('Your session has ended: sign in again.');
  }, [api, signOut]);

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
