import { useState, type FormEvent } from 'react';
import { ApiError, type ApiClient } from '../api';
import type { AuthResponse } from '../types';
import { Logo } from './Logo';
import { FormError } from './FormError';

interface Props {
  api: ApiClient;
  notice: string | null;
  onSignedIn: (session: AuthResponse) => void;
}

/** Sign in, or create an account. */
export function AuthScreen({ api, notice, onSignedIn }: Props) {
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const registering = mode === 'register';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = registering ? await api.register(userName.trim(), password) : await api.login(userName.trim(), password);
      onSignedIn(session);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'That user name and password do not match.'
          : e instanceof Error && !(e instanceof ApiError)
            ? 'The server cannot be reached.'
            : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <form className="auth-card" onSubmit={(event) => void submit(event)} aria-labelledby="auth-title">
        <div className="brand">
          <Logo />
          Chat
        </div>
        <h1 id="auth-title">{registering ? 'Create your account' : 'Welcome back'}</h1>
        <p className="muted">{registering ? 'Pick a name your friends will @mention.' : 'Sign in to continue to your rooms.'}</p>
        {notice && !error && (
          <p className="form-notice" role="status">
            {notice}
          </p>
        )}
        <label className="field">
          <span>User name</span>
          <input
            name="userName"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            minLength={3}
            maxLength={32}
            pattern="[A-Za-z0-9_.\-]{3,32}"
            title="3 to 32 characters: letters, digits, '_', '.' or '-'"
            value={userName}
            onChange={(e) => setUserName(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete={registering ? 'new-password' : 'current-password'}
            required
            minLength={registering ? 8 : 1}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {registering && <small className="muted">At least 8 characters.</small>}
        </label>
        <FormError error={error} />
        <button className="button primary wide" type="submit" disabled={busy}>
          {registering ? 'Create account' : 'Sign in'}
        </button>
        <p className="auth-switch">
          {registering ? 'Already have an account?' : 'New here?'}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setMode(registering ? 'signin' : 'register');
              setError(null);
            }}
          >
            {registering ? 'Sign in' : 'Create an account'}
          </button>
        </p>
      </form>
    </main>
  );
}
