import { useState } from 'react';
import { segmentText } from '../logic/richText';
import type { TextRange } from '../types';

/**
 * A message's text, always as text: React escapes every piece, nothing is parsed as HTML. http(s) links open in a
 * new tab without access to this page; mentions are highlighted; profane ranges are masked until clicked.
 */
export function RichText({ text, profaneRanges, me }: { text: string; profaneRanges?: TextRange[]; me: string }) {
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  return (
    <>
      {segmentText(text, profaneRanges).map((segment, i) => {
        switch (segment.kind) {
          case 'link':
            return (
              <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer">
                {segment.text}
              </a>
            );
          case 'mention':
            return (
              <span key={i} className={`mention ${segment.name === me ? 'me' : ''}`}>
                {segment.text}
              </span>
            );
          case 'masked':
            return revealed.has(i) ? (
              <span key={i} className="revealed">
                {segment.text}
              </span>
            ) : (
              <button
                key={i}
                type="button"
                className="masked"
                aria-label="Hidden word: show it"
                title="Hidden word: click to show"
                onClick={() => setRevealed(new Set(revealed).add(i))}
              >
                {segment.mask}
              </button>
            );
          default:
            return <span key={i}>{segment.text}</span>;
        }
      })}
    </>
  );
}
