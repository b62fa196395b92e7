import type { TextRange } from '../types';
import { findMentions } from './mentions';

/**
 * A message's text cut into pieces for display. Every piece is rendered as text (never as HTML); links are only
 * made for http(s) URLs, profane ranges are masked until revealed.
 */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'mention'; text: string; name: string }
  | { kind: 'masked'; text: string; mask: string };

interface Span {
  start: number;
  end: number;
  priority: number;
  segment: (text: string) => Segment;
}

const urlPattern = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const trailingPunctuation = /[.,;:!?)\]}'"]+$/;

/** The http(s) URLs in a text, without trailing sentence punctuation. */
export function findLinks(text: string): { start: number; end: number; href: string }[] {
  const links: { start: number; end: number; href: string }[] = [];
  for (const match of text.matchAll(urlPattern)) {
    const raw = match[0].replace(trailingPunctuation, '');
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      continue;
    }
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      links.push({ start: match.index, end: match.index + raw.length, href: url.href });
    }
  }
  return links;
}

/** Ranges clamped to the text, sorted, overlapping ones merged. */
export function normalizeRanges(text: string, ranges: readonly TextRange[]): { start: number; end: number }[] {
  const clamped = ranges
    .map((r) => ({ start: Math.max(0, Math.min(text.length, r.start)), end: Math.max(0, Math.min(text.length, r.start + r.length)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const range of clamped) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}

/** The text with every profane range replaced by bullets of the same length (for previews and notifications). */
export function maskText(text: string, ranges: readonly TextRange[]): string {
  let result = '';
  let at = 0;
  for (const range of normalizeRanges(text, ranges)) {
    result += text.slice(at, range.start) + '•'.repeat(range.end - range.start);
    at = range.end;
  }
  return result + text.slice(at);
}

/**
 * Cuts `text` into segments. Masked ranges win over links, links over mentions: a piece that overlaps a stronger
 * one is left as text (a URL with a profane word in it is not made a link, so its target is not shown either).
 */
export function segmentText(text: string, profaneRanges: readonly TextRange[] = []): Segment[] {
  const spans: Span[] = [
    ...normalizeRanges(text, profaneRanges).map((r) => ({
      ...r,
      priority: 3,
      segment: (t: string): Segment => ({ kind: 'masked', text: t, mask: '•'.repeat(t.length) }),
    })),
    ...findLinks(text).map((l) => ({ start: l.start, end: l.end, priority: 2, segment: (t: string): Segment => ({ kind: 'link', text: t, href: l.href }) })),
    ...findMentions(text).map((m) => ({
      start: m.start,
      end: m.start + m.length,
      priority: 1,
      segment: (t: string): Segment => ({ kind: 'mention', text: t, name: m.name }),
    })),
  ];
  const chosen: Span[] = [];
  for (const span of [...spans].sort((a, b) => b.priority - a.priority || a.start - b.start)) {
    if (!chosen.some((c) => span.start < c.end && c.start < span.end)) {
      chosen.push(span);
    }
  }
  chosen.sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let at = 0;
  for (const span of chosen) {
    if (span.start > at) {
      segments.push({ kind: 'text', text: text.slice(at, span.start) });
    }
    segments.push(span.segment(text.slice(span.start, span.end)));
    at = span.end;
  }
  if (at < text.length) {
    segments.push({ kind: 'text', text: text.slice(at) });
  }
  return segments;
}
