import * as signalR from '@microsoft/signalr';
import { ApiClient, ApiError, apiBaseUrl } from '../api';
import { parseHubError } from '../logic/hubErrors';
import { reconnectDelay } from '../logic/reconnect';
import { MaxSendRetries, sendRetryDelay } from '../logic/sendRetry';
import {
  addPending,
  applyDelete,
  applyJoin,
  applyTags,
  discardPending,
  emptyTimeline,
  failPending,
  fetchMissing,
  mergeMessages,
  prependOlder,
  receiveLive,
  retryPending,
  type Timeline,
} from '../logic/timeline';
import type { ChatMessage, JoinResult, Me, MessageTags, Notification, RoomInfo, RoomReadState, RoomSummary } from '../types';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** A room as the client knows it; `members` are a private room's members (a public room lists only its owner). */
export interface RoomState extends RoomSummary {
  /** One of the user's rooms (joined at least once): it gets live badges. */
  mine: boolean;
  /** Joined on the current connection. */
  joined: boolean;
  latestSeq: number;
  lastReadSeq: number;
  mentions: number;
  timeline: Timeline;
  online: string[];
  /** Who is typing, with when the notice expires (ms since epoch). */
  typing: Record<string, number>;
  notices: { id: number; text: string }[];
  loadingOlder: boolean;
}

export interface ChatState {
  userName: string;
  connection: ConnectionState;
  rooms: Record<string, RoomState>;
  activeRoomId: string | null;
  /** Set when the open room was closed for this user (deleted, or access lost). */
  closedRoom: string | null;
  notifications: Notification[];
  unreadNotifications: number;
  servedBy: string;
  toast: { id: number; text: string } | null;
}

const historyPage = 50;
const catchUpPage = 200;
const typingNoticeMs = 4000;
const noticeMs = 8000;
const sendTypingEveryMs = 2000;

let nextId = 1;

function newRoom(info: Pick<RoomState, 'id' | 'name' | 'topic' | 'isPrivate' | 'owner'> & Partial<RoomState>): RoomState {
  return {
    members: [],
    mine: false,
    joined: false,
    latestSeq: 0,
    lastReadSeq: 0,
    mentions: 0,
    timeline: emptyTimeline,
    online: [],
    typing: {},
    notices: [],
    loadingOlder: false,
    ...info,
  };
}

export function unreadCount(room: RoomState): number {
  return Math.max(0, room.latestSeq - room.lastReadSeq);
}

export function newClientMessageId(): string {
  return crypto.randomUUID();
}

/**
 * The client's state and everything that changes it: REST calls, the SignalR connection and its events. Components
 * read snapshots (`useSyncExternalStore`) and call the actions. Every rule about seq, gaps and pending sends lives in
 * `logic/timeline.ts`; this class only routes events to it.
 */
export class ChatStore {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();
  private readonly connection: signalR.HubConnection;
  private readonly catchingUp = new Map<string, boolean>();
  private readonly joining = new Set<string>();
  private readonly lastTypingSent = new Map<string, number>();
  private markReadTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set by a stopping server's `Reconnect` notice: how long to wait before connecting again. */
  private reconnectAfterMs = 0;
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  /** Sends waiting to be resent after an `Unavailable` refusal, with what wakes each early: stop() ends them all. */
  private readonly resendWaits = new Map<ReturnType<typeof setTimeout>, () => void>();
  private stopped = false;

  constructor(
    readonly api: ApiClient,
    userName: string,
    private readonly onSignedOut: (reason: string) => void,
  ) {
    this.state = {
      userName,
      connection: 'connecting',
      rooms: {},
      activeRoomId: null,
      closedRoom: null,
      notifications: [],
      unreadNotifications: 0,
      servedBy: '',
      toast: null,
    };
    api.onServedBy = (servedBy) => {
      if (servedBy !== this.state.servedBy) this.set({ servedBy });
    };
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(`${apiBaseUrl}/hubs/chat`, { accessTokenFactory: () => api.token ?? '' })
      .withAutomaticReconnect({
        // Never give up: a restarting server comes back, and the page must find it by itself.
        nextRetryDelayInMilliseconds: (context) => Math.min(5000, 250 * 2 ** context.previousRetryCount) + Math.random() * 250,
      })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.wireEvents();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.state;

  private set(patch: Partial<ChatState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private updateRoom(roomId: string, change: (room: RoomState) => RoomState) {
    const room = this.state.rooms[roomId];
    if (!room) return;
    this.set({ rooms: { ...this.state.rooms, [roomId]: change(room) } });
  }

  private removeRoom(roomId: string) {
    if (!this.state.rooms[roomId]) return;
    const rooms = { ...this.state.rooms };
    delete rooms[roomId];
    this.set({ rooms });
  }

  toast(text: string) {
    const toast = { id: nextId++, text };
    this.set({ toast });
    setTimeout(() => {
      if (this.state.toast?.id === toast.id) this.set({ toast: null });
    }, 6000);
  }

  // ---- start and stop ------------------------------------------------------------------------------------------

  async start() {
    this.refreshTimer = setInterval(() => void this.refreshRooms().catch(() => {}), 30_000);
    void this.refreshRooms().catch(() => {});
    void this.loadNotifications();
    await this.connect();
  }

  /** Starts the hub connection, retrying until it works (the server may be down when the page opens). */
  private async connect() {
    while (!this.stopped) {
      try {
        this.set({ connection: 'connecting' });
        await this.connection.start();
        this.set({ connection: 'connected' });
        await this.refreshRooms().catch(() => {});
        await this.joinAll();
        return;
      } catch (error) {
        if (this.stopped) return;
        if (String(error).includes('401')) {
          this.onSignedOut('Your session has ended: sign in again.');
          return;
        }
        this.set({ connection: 'reconnecting' });
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }

  async stop() {
    this.stopped = true;
    clearInterval(this.refreshTimer);
    clearTimeout(this.markReadTimer);
    for (const [timer, wake] of this.resendWaits) {
      clearTimeout(timer);
      wake();
    }
    this.resendWaits.clear();
    await this.connection.stop();
  }

  private wireEvents() {
    const c = this.connection;
    c.onreconnecting(() => this.connectionLost());
    c.onreconnected(() => {
      this.set({ connection: 'connected' });
      void this.joinAll();
      void this.refreshRooms().catch(() => {});
      void this.loadNotifications();
    });
    c.on('Reconnect', (notice: unknown) => {
      // The server is stopping and closes this connection next: come back after its spread, to another silo.
      this.reconnectAfterMs = reconnectDelay(notice);
    });
    c.onclose(() => {
      if (!this.stopped) {
        this.connectionLost();
        const wait = this.reconnectAfterMs;
        this.reconnectAfterMs = 0;
        setTimeout(() => void this.connect(), wait);
      }
    });
    c.on('MessageReceived', (message: ChatMessage) => this.onMessage(message));
    c.on('MessageEdited', (message: ChatMessage) =>
      this.updateRoom(message.roomId, (r) => ({ ...r, timeline: mergeMessages(r.timeline, [message]) })),
    );
    c.on('MessageDeleted', (roomId: string, seq: number) => this.updateRoom(roomId, (r) => ({ ...r, timeline: applyDelete(r.timeline, seq) })));
    c.on('MessageTagged', (roomId: string, seq: number, tags: MessageTags) =>
      this.updateRoom(roomId, (r) => ({ ...r, timeline: applyTags(r.timeline, seq, tags) })),
    );
    c.on('PresenceChanged', (roomId: string, userName: string, online: boolean) =>
      this.updateRoom(roomId, (r) => ({
        ...r,
        online: online ? [...new Set([...r.online, userName])] : r.online.filter((u) => u !== userName),
      })),
    );
    c.on('UserTyping', (roomId: string, userName: string) => {
      if (userName === this.state.userName) return;
      this.updateRoom(roomId, (r) => ({ ...r, typing: { ...r.typing, [userName]: Date.now() + typingNoticeMs } }));
      setTimeout(() => this.expireTyping(roomId), typingNoticeMs + 50);
    });
    c.on('SystemNotice', (roomId: string, text: string) => {
      const notice = { id: nextId++, text };
      this.updateRoom(roomId, (r) => ({ ...r, notices: [...r.notices.slice(-2), notice] }));
      setTimeout(() => this.updateRoom(roomId, (r) => ({ ...r, notices: r.notices.filter((n) => n.id !== notice.id) })), noticeMs);
    });
    c.on('NotificationReceived', (notification: Notification) => {
      if (this.state.notifications.some((n) => n.id === notification.id)) return;
      this.set({
        notifications: [notification, ...this.state.notifications].slice(0, 100),
        unreadNotifications: this.state.unreadNotifications + (notification.read ? 0 : 1),
      });
      if (notification.roomId !== this.state.activeRoomId) {
        this.updateRoom(notification.roomId, (r) => ({ ...r, mentions: r.mentions + 1 }));
      }
    });
    c.on('RoomClosed', (roomId: string) => {
      this.removeRoom(roomId);
      if (this.state.activeRoomId === roomId) {
        this.set({ activeRoomId: null, closedRoom: roomId });
      }
    });
  }

  /** The server forgot this connection's rooms: every room is joined again (and caught up) once it is back. */
  private connectionLost() {
    const rooms = Object.fromEntries(Object.entries(this.state.rooms).map(([id, r]) => [id, { ...r, joined: false, online: [], typing: {} }]));
    this.set({ connection: 'reconnecting', rooms });
  }

  private expireTyping(roomId: string) {
    const now = Date.now();
    this.updateRoom(roomId, (r) => {
      const typing = Object.fromEntries(Object.entries(r.typing).filter(([, until]) => until > now));
      return Object.keys(typing).length === Object.keys(r.typing).length ? r : { ...r, typing };
    });
  }

  // ---- rooms ---------------------------------------------------------------------------------------------------

  /** Reloads the room list (visible rooms) and the badges of the user's own rooms. */
  async refreshRooms() {
    const [me, visible] = await Promise.all([this.api.me(), this.api.rooms()]);
    this.applyRoomList(me, visible.rooms);
  }

  private applyRoomList(me: Me, visible: RoomSummary[]) {
    const rooms: Record<string, RoomState> = {};
    const mine = new Map(me.rooms.map((r) => [r.id, r]));
    for (const summary of visible) {
      const existing = this.state.rooms[summary.id];
      const my = mine.get(summary.id);
      const base = existing ?? newRoom(summary);
      rooms[summary.id] = {
        ...base,
        name: summary.name,
        topic: summary.topic,
        isPrivate: summary.isPrivate,
        owner: summary.owner,
        members: summary.members.length > 0 ? summary.members : base.members,
        mine: base.mine || !!my,
        latestSeq: Math.max(base.latestSeq, my?.lastSeq ?? 0),
        lastReadSeq: Math.max(base.lastReadSeq, my?.lastReadSeq ?? 0),
        mentions: my && summary.id !== this.state.activeRoomId ? my.mentions : base.mentions,
      };
    }
    // A listing that raced a change of access does not drop the open room or a joined one: losing access to those
    // arrives as RoomClosed (or a refused join).
    for (const room of Object.values(this.state.rooms)) {
      if (!rooms[room.id] && (room.joined || room.id === this.state.activeRoomId)) rooms[room.id] = room;
    }
    this.set({ rooms });
    if (this.state.connection === 'connected') {
      for (const room of Object.values(rooms)) {
        if (room.mine && !room.joined) void this.join(room.id);
      }
    }
  }

  private async joinAll() {
    const ids = Object.values(this.state.rooms)
      .filter((r) => !r.joined && (r.mine || r.id === this.state.activeRoomId))
      .map((r) => r.id);
    await Promise.all(ids.map((id) => this.join(id)));
  }

  /** Joins a room on the hub: live delivery, presence, its recent window; then catches up whatever is missing. */
  async join(roomId: string) {
    if (this.joining.has(roomId)) return;
    this.joining.add(roomId);
    let result: JoinResult;
    try {
      result = await this.connection.invoke<JoinResult>('JoinRoom', roomId);
    } catch (error) {
      const { code, message } = parseHubError(error);
      if (code === 'Forbidden' || code === 'NotFound') {
        this.removeRoom(roomId);
        if (this.state.activeRoomId === roomId) this.set({ activeRoomId: null, closedRoom: roomId });
      } else if (code) {
        this.toast(message);
      }
      return;
    } finally {
      this.joining.delete(roomId);
    }
    const existing = this.state.rooms[roomId] ?? newRoom(result.room);
    const joined = applyJoin(existing.timeline, result.messages, result.lastSeq);
    this.set({
      rooms: {
        ...this.state.rooms,
        [roomId]: {
          ...existing,
          ...roomFields(result.room),
          mine: true,
          joined: true,
          online: result.online,
          latestSeq: Math.max(existing.latestSeq, result.lastSeq),
          timeline: joined.timeline,
        },
      },
    });
    if (joined.gap) {
      await this.catchUp(roomId);
    }
    this.scheduleMarkRead();
  }

  /** Fetches `after=lastSeq` until nothing is missing; one catch-up per room at a time (a second request re-runs it). */
  async catchUp(roomId: string) {
    if (this.catchingUp.has(roomId)) {
      this.catchingUp.set(roomId, true);
      return;
    }
    this.catchingUp.set(roomId, false);
    try {
      for (let round = 0; round < 5; round++) {
        const room = this.state.rooms[roomId];
        if (!room) return;
        const missing = await fetchMissing(room.timeline.lastSeq, (after, limit) => this.api.messages(roomId, { after, limit }), catchUpPage);
        this.updateRoom(roomId, (r) => ({
          ...r,
          timeline: mergeMessages(r.timeline, missing),
          latestSeq: Math.max(r.latestSeq, ...missing.map((m) => m.seq)),
        }));
        if (!this.catchingUp.get(roomId)) break;
        this.catchingUp.set(roomId, false);
      }
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) this.toast('Could not load missed messages; they will load on the next reconnect.');
    } finally {
      this.catchingUp.delete(roomId);
    }
    this.scheduleMarkRead();
  }

  private onMessage(message: ChatMessage) {
    const room = this.state.rooms[message.roomId];
    if (!room) return;
    const { timeline, gap } = receiveLive(room.timeline, message);
    const typing = { ...room.typing };
    delete typing[message.author];
    this.updateRoom(message.roomId, (r) => ({ ...r, timeline, typing, latestSeq: Math.max(r.latestSeq, message.seq) }));
    if (gap && room.timeline.loaded) {
      void this.catchUp(message.roomId);
    }
    this.scheduleMarkRead();
  }

  async loadOlder(roomId: string) {
    const room = this.state.rooms[roomId];
    if (!room || room.loadingOlder || !room.timeline.hasOlder || room.timeline.messages.length === 0) return;
    this.updateRoom(roomId, (r) => ({ ...r, loadingOlder: true }));
    try {
      const page = await this.api.messages(roomId, { before: room.timeline.messages[0].seq, limit: historyPage });
      this.updateRoom(roomId, (r) => ({ ...r, timeline: prependOlder(r.timeline, page, historyPage) }));
    } catch (error) {
      this.toast(error instanceof Error ? error.message : 'Could not load older messages.');
    } finally {
      this.updateRoom(roomId, (r) => ({ ...r, loadingOlder: false }));
    }
  }

  /** Opens a room (null: none). Joins it first when it is not one of the user's rooms yet. */
  async open(roomId: string | null) {
    this.set({ activeRoomId: roomId, closedRoom: null });
    if (roomId === null) return;
    if (!this.state.rooms[roomId]) {
      try {
        const info = await this.api.room(roomId);
        this.set({ rooms: { ...this.state.rooms, [roomId]: newRoom(roomFields(info)) } });
      } catch (error) {
        this.set({ activeRoomId: null, closedRoom: roomId });
        if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 403 && error.status !== 400)) {
          this.toast(error instanceof Error ? error.message : 'Could not open the room.');
        }
        return;
      }
    }
    this.updateRoom(roomId, (r) => ({ ...r, mentions: 0 }));
    if (!this.state.rooms[roomId]?.joined && this.state.connection === 'connected') {
      await this.join(roomId);
    }
    this.scheduleMarkRead();
  }

  /** Marks the open room read up to the last message shown, soon after it is shown (and only while the page is visible). */
  scheduleMarkRead() {
    clearTimeout(this.markReadTimer);
    this.markReadTimer = setTimeout(() => void this.markRead(), 300);
  }

  private async markRead() {
    const roomId = this.state.activeRoomId;
    const room = roomId ? this.state.rooms[roomId] : undefined;
    if (!room || !room.joined || document.visibilityState !== 'visible') return;
    const shown = room.timeline.messages[room.timeline.messages.length - 1]?.seq ?? 0;
    if (shown <= room.lastReadSeq) return;
    try {
      const read = await this.connection.invoke<RoomReadState>('MarkRead', room.id, shown);
      this.updateRoom(read.roomId, (r) => ({ ...r, lastReadSeq: Math.max(r.lastReadSeq, read.lastReadSeq), mentions: read.unreadMentions }));
    } catch {
      // Not connected: the read position is marked again after the next join.
    }
  }

  async createRoom(name: string, topic: string, isPrivate: boolean): Promise<RoomInfo> {
    const info = await this.api.createRoom(name, topic || null, isPrivate);
    this.set({ rooms: { ...this.state.rooms, [info.id]: newRoom({ ...roomFields(info), mine: true }) } });
    return info;
  }

  async updateRoomSettings(roomId: string, patch: { name?: string; topic?: string; isPrivate?: boolean }) {
    const info = await this.api.updateRoom(roomId, patch);
    this.updateRoom(roomId, (r) => ({ ...r, ...roomFields(info) }));
  }

  async deleteRoom(roomId: string) {
    await this.api.deleteRoom(roomId);
    this.removeRoom(roomId);
    if (this.state.activeRoomId === roomId) this.set({ activeRoomId: null });
  }

  async addMember(roomId: string, userName: string) {
    const info = await this.api.addMember(roomId, userName.trim().toLowerCase());
    this.updateRoom(roomId, (r) => ({ ...r, ...roomFields(info) }));
  }

  async removeMember(roomId: string, userName: string) {
    const info = await this.api.removeMember(roomId, userName);
    this.updateRoom(roomId, (r) => ({ ...r, ...roomFields(info) }));
  }

  // ---- messages ------------------------------------------------------------------------------------------------

  /** Sends a message: shown at once as pending, confirmed by the acknowledgement (or the live copy), failed otherwise. */
  async send(roomId: string, text: string, clientMessageId = newClientMessageId()) {
    this.updateRoom(roomId, (r) => ({ ...r, timeline: addPending(r.timeline, clientMessageId, text) }));
    await this.deliver(roomId, clientMessageId, text);
  }

  async retry(roomId: string, clientMessageId: string) {
    const pending = this.state.rooms[roomId]?.timeline.pending.find((p) => p.clientMessageId === clientMessageId);
    if (!pending) return;
    this.updateRoom(roomId, (r) => ({ ...r, timeline: retryPending(r.timeline, clientMessageId) }));
    await this.deliver(roomId, clientMessageId, pending.text);
  }

  discard(roomId: string, clientMessageId: string) {
    this.updateRoom(roomId, (r) => ({ ...r, timeline: discardPending(r.timeline, clientMessageId) }));
  }

  /**
   * Sends a pending message. A server shedding load refuses with `Unavailable`; sends are idempotent by clientMessageId
   * (a repeat returns the stored message), so such a refusal is resent by itself after a growing random wait
   * (`logic/sendRetry.ts`) while the message stays pending. Any other refusal, a lost connection or the last refusal
   * marks it failed, for the user to retry.
   */
  private async deliver(roomId: string, clientMessageId: string, text: string) {
    for (let resends = 0; ; resends++) {
      try {
        if (this.connection.state !== signalR.HubConnectionState.Connected) {
          throw new Error('Not connected.');
        }
        const message = await this.connection.invoke<ChatMessage>('SendMessage', roomId, text, clientMessageId);
        this.onMessage(message);
        return;
      } catch (error) {
        const { code, message } = parseHubError(error);
        if (code === 'Unavailable' && resends < MaxSendRetries && this.connection.state === signalR.HubConnectionState.Connected) {
          await this.waitToResend(sendRetryDelay(resends + 1));
          // Its live copy may have arrived meanwhile (the refused call had been stored after all), or the store stopped.
          if (this.stopped || !this.awaitsAcknowledgement(roomId, clientMessageId)) return;
          continue;
        }
        const reason =
          code === 'RateLimited'
            ? 'You are sending too fast. Wait a moment, then retry.'
            : code
              ? message
              : 'Not sent: the connection is down. Retry when it is back.';
        if (code === 'RateLimited') this.toast(reason);
        this.updateRoom(roomId, (r) => ({ ...r, timeline: failPending(r.timeline, clientMessageId, reason) }));
        return;
      }
    }
  }

  private awaitsAcknowledgement(roomId: string, clientMessageId: string): boolean {
    return !!this.state.rooms[roomId]?.timeline.pending.some((p) => p.clientMessageId === clientMessageId && p.status === 'pending');
  }

  private waitToResend(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.resendWaits.delete(timer);
        resolve();
      }, ms);
      this.resendWaits.set(timer, resolve);
    });
  }

  async edit(roomId: string, seq: number, text: string) {
    try {
      const message = await this.connection.invoke<ChatMessage>('EditMessage', roomId, seq, text);
      this.updateRoom(roomId, (r) => ({ ...r, timeline: mergeMessages(r.timeline, [message]) }));
      return true;
    } catch (error) {
      this.toast(parseHubError(error).message);
      return false;
    }
  }

  async remove(roomId: string, seq: number) {
    try {
      const tombstone = await this.connection.invoke<ChatMessage>('DeleteMessage', roomId, seq);
      this.updateRoom(roomId, (r) => ({ ...r, timeline: mergeMessages(r.timeline, [tombstone]) }));
    } catch (error) {
      this.toast(parseHubError(error).message);
    }
  }

  /** Tells the others this user is typing, at most every two seconds per room. */
  typing(roomId: string) {
    const now = Date.now();
    if (this.connection.state !== signalR.HubConnectionState.Connected || now - (this.lastTypingSent.get(roomId) ?? 0) < sendTypingEveryMs) return;
    this.lastTypingSent.set(roomId, now);
    this.connection.invoke('Typing', roomId).catch(() => {});
  }

  // ---- notifications -------------------------------------------------------------------------------------------

  async loadNotifications() {
    try {
      const page = await this.api.notifications();
      this.set({ notifications: page.notifications, unreadNotifications: page.unread });
    } catch {
      // The bell keeps what it had; a 401 has already signed the user out.
    }
  }

  async markNotificationsRead() {
    const newest = this.state.notifications[0]?.id;
    const { unread } = await this.api.markNotificationsRead(newest);
    this.set({ unreadNotifications: unread, notifications: this.state.notifications.map((n) => (newest !== undefined && n.id <= newest ? { ...n, read: true } : n)) });
  }
}

function roomFields(info: RoomInfo) {
  return { id: info.id, name: info.name, topic: info.topic, isPrivate: info.isPrivate, owner: info.owner, members: info.members };
}
