/** Wire types of the REST API and the hub (camelCase JSON), as the README describes them. */

export interface TextRange {
  start: number;
  length: number;
}

export interface MessageTags {
  sentiment: 'positive' | 'neutral' | 'negative';
  sentimentScore: number;
  profane: boolean;
  profaneRanges: TextRange[];
}

export interface ChatMessage {
  roomId: string;
  seq: number;
  id: string;
  author: string;
  text: string;
  sentAt: string;
  clientMessageId: string | null;
  editedAt: string | null;
  deleted: boolean;
  tags: MessageTags | null;
}

export interface RoomInfo {
  id: string;
  name: string;
  topic: string | null;
  isPrivate: boolean;
  owner: string;
  createdAt: string;
  members: string[];
  lastSeq: number;
}

export interface RoomSummary {
  id: string;
  name: string;
  topic: string | null;
  isPrivate: boolean;
  owner: string;
  members: string[];
}

export interface MyRoom {
  id: string;
  name: string;
  topic: string | null;
  isPrivate: boolean;
  owner: string;
  lastSeq: number;
  lastReadSeq: number;
  unread: number;
  mentions: number;
}

export interface Me {
  userName: string;
  displayName: string;
  email: string | null;
  createdAt: string;
  rooms: MyRoom[];
}

export interface AuthResponse {
  userName: string;
  token: string;
}

export interface JoinResult {
  room: RoomInfo;
  messages: ChatMessage[];
  lastSeq: number;
  online: string[];
}

export interface Notification {
  id: number;
  userName: string;
  kind: string;
  roomId: string;
  seq: number;
  from: string;
  excerpt: string;
  createdAt: string;
  read: boolean;
}

export interface NotificationPage {
  notifications: Notification[];
  unread: number;
}

export interface RoomReadState {
  roomId: string;
  lastReadSeq: number;
  unreadMentions: number;
}

/** Longest message the server accepts, after trimming (Chat:Rooms:MaxMessageLength's default). */
export const MaxMessageLength = 4000;

/** Longest room name the server accepts (ChatLimits.MaxRoomNameLength). */
export const MaxRoomNameLength = 100;

/** Longest room topic the server accepts (ChatLimits.MaxTopicLength). */
export const MaxTopicLength = 500;
