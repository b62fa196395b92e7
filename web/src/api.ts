import type { AuthResponse, ChatMessage, Me, NotificationPage, RoomInfo, RoomReadState, RoomSummary } from './types';

/**
 * Where the API lives. Empty (the default) means the origin that served the page; a build for a CDN sets
 * `VITE_API_BASE_URL` (for example `https://chat.example.com`) and the Api allows that CDN origin with CORS.
 */
export const apiBaseUrl: string = (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/+$/, '');

/** A refused request: the status and what the problem details said. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

interface ProblemDetails {
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

function describe(status: number, problem: ProblemDetails | null): string {
  if (status === 429) {
    return 'Too many requests: wait a moment and try again.';
  }
  const fieldErrors = problem?.errors ? Object.values(problem.errors).flat() : [];
  if (fieldErrors.length > 0) {
    return fieldErrors.join(' ');
  }
  return problem?.detail || problem?.title || `The server answered ${status}.`;
}

/** The REST API with the session's bearer token. A 401 on an authenticated call ends the session. */
export class ApiClient {
  constructor(
    readonly token: string | null = null,
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  onServedBy: (value: string) => void = () => {};

  async request<T>(method: string, path: string, body?: unknown, authenticated = true): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (authenticated && this.token) {
      headers.authorization = `Bearer ${this.token}`;
    }
    const response = await fetch(apiBaseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const servedBy = response.headers.get('x-served-by');
    if (servedBy) {
      this.onServedBy(servedBy);
    }
    if (response.status === 401 && authenticated) {
      this.onUnauthorized();
    }
    if (!response.ok) {
      const problem = (await response.json().catch(() => null)) as ProblemDetails | null;
      throw new ApiError(response.status, describe(response.status, problem), problem?.errors);
    }
    return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  }

  register(userName: string, password: string) {
    return this.request<AuthResponse>('POST', '/api/auth/register', { userName, password }, false);
  }

  login(userName: string, password: string) {
    return this.request<AuthResponse>('POST', '/api/auth/login', { userName, password }, false);
  }

  me() {
    return this.request<Me>('GET', '/api/me');
  }

  rooms() {
    return this.request<{ rooms: RoomSummary[] }>('GET', '/api/rooms');
  }

  room(id: string) {
    return this.request<RoomInfo>('GET', `/api/rooms/${encodeURIComponent(id)}`);
  }

  createRoom(name: string, topic: string | null, isPrivate: boolean) {
    return this.request<RoomInfo>('POST', '/api/rooms', { name, topic, isPrivate });
  }

  updateRoom(id: string, patch: { name?: string; topic?: string; isPrivate?: boolean }) {
    return this.request<RoomInfo>('PATCH', `/api/rooms/${encodeURIComponent(id)}`, patch);
  }

  deleteRoom(id: string) {
    return this.request<void>('DELETE', `/api/rooms/${encodeURIComponent(id)}`);
  }

  addMember(id: string, userName: string) {
    return this.request<RoomInfo>('PUT', `/api/rooms/${encodeURIComponent(id)}/members/${encodeURIComponent(userName)}`);
  }

  removeMember(id: string, userName: string) {
    return this.request<RoomInfo>('DELETE', `/api/rooms/${encodeURIComponent(id)}/members/${encodeURIComponent(userName)}`);
  }

  messages(id: string, query: { after?: number; before?: number; limit: number }) {
    const params = new URLSearchParams({ limit: String(query.limit) });
    if (query.after !== undefined) params.set('after', String(query.after));
    if (query.before !== undefined) params.set('before', String(query.before));
    return this.request<{ messages: ChatMessage[] }>('GET', `/api/rooms/${encodeURIComponent(id)}/messages?${params}`).then((p) => p.messages);
  }

  notifications(limit = 50) {
    return this.request<NotificationPage>('GET', `/api/me/notifications?limit=${limit}`);
  }

  markNotificationsRead(upTo?: number) {
    return this.request<{ unread: number }>('POST', '/api/me/notifications/read', upTo === undefined ? {} : { upTo });
  }

  markRead(id: string, seq: number) {
    return this.request<RoomReadState>('POST', `/api/rooms/${encodeURIComponent(id)}/read`, { seq });
  }
}
