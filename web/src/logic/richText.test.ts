import { describe, expect, it } from 'vitest';
import { findLinks, maskText, normalizeRanges, segmentText } from './richText';

describe('profanity masking', () => {
  it('masks exactly the given ranges', () => {
    expect(maskText('what the shit is this', [{ start: 9, length: 4 }])).toBe('what the •••• is this');
  });

  it('clamps ranges to the text and merges overlapping ones', () => {
    expect(normalizeRanges('abcdef', [{ start: 4, length: 10 }, { start: -2, length: 3 }, { start: 0, length: 2 }])).toEqual([
      { start: 0, end: 2 },
      { start: 4, end: 6 },
    ]);
  });

  it('turns a range into a masked segment that keeps the original for a reveal', () => {
    expect(segmentText('oh shit', [{ start: 3, length: 4 }])).toEqual([
      { kind: 'text', text: 'oh ' },
      { kind: 'masked', text: 'shit', mask: '••••' },
    ]);
  });
});

describe('segmentText', () => {
  it('keeps HTML and script as plain text', () => {
    const text = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    expect(segmentText(text)).toEqual([{ kind: 'text', text }]);
  });

  it('links only http and https URLs, without trailing punctuation', () => {
    expect(segmentText('see https://example.com/a?b=1. or javascript:alert(1) or ftp://x.y')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. or javascript:alert(1) or ftp://x.y' },
    ]);
    expect(findLinks('javascript:alert(1)//http')).toEqual([]);
  });

  it('highlights mentions but not inside links', () => {
    expect(segmentText('@bob look https://x.io/@carol')).toEqual([
      { kind: 'mention', text: '@bob', name: 'bob' },
      { kind: 'text', text: ' look ' },
      { kind: 'link', text: 'https://x.io/@carol', href: 'https://x.io/@carol' },
    ]);
  });

  it('does not make a link of a URL with a masked word in it', () => {
    const segments = segmentText('https://x.io/shit', [{ start: 13, length: 4 }]);
    expect(segments.map((s) => s.kind)).toEqual(['text', 'masked']);
  });
});
