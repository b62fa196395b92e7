import type { AuthResponse } from './types';

const key = 'chat.session';

/** The signed-in user and token, kept for the browser session (sessionStorage: gone when the tab closes). */
export function loadSession(): AuthResponse | null {
  try {
    const raw = sessionStorage.getItem(key);
    const session = raw ? (JSON.parse(raw) as AuthResponse) : null;
    return session?.token && session.userName ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: AuthResponse | null) {
  if (session) sessionStorage.setItem(key, JSON.stringify(session));
  else sessionStorage.removeItem(key);
}
