import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ChatStore } from '../chat/ChatStore';
import { completeMention, mentionQueryAt, suggestUsers } from '../logic/mentions';
import { MaxMessageLength } from '../types';
import { SendIcon } from './Icons';

interface Props {
  store: ChatStore;
  roomId: string;
  candidates: Set<string>;
  userName: string;
  disabled: boolean;
}

const warnFrom = MaxMessageLength - 500;

/** Writes a message: Enter sends, Shift+Enter adds a line, `@` offers the room's members. */
export function Composer({ store, roomId, candidates, userName, disabled }: Props) {
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [selected, setSelected] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);

  const query = mentionQueryAt(text, caret);
  const suggestions = query && dismissed !== query.start ? suggestUsers(query.query, candidates, userName) : [];
  const open = suggestions.length > 0;
  const length = text.trim().length;
  const over = length > MaxMessageLength;

  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
    if (pendingCaret.current !== null) {
      el.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [text]);

  function pick(name: string) {
    if (!query) return;
    const done = completeMention(text, query.start, caret, name);
    setText(done.text);
    setCaret(done.caret);
    pendingCaret.current = done.caret;
    input.current?.focus();
  }

  function send() {
    const message = text.trim();
    if (!message || over) return;
    setText('');
    setCaret(0);
    void store.send(roomId, message);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setSelected((selected + step + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(suggestions[Math.min(selected, suggestions.length - 1)]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setDismissed(query!.start);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {open && (
        <ul className="suggestions" role="listbox" id="mention-suggestions" aria-label="Mention someone">
          {suggestions.map((name, i) => (
            <li
              key={name}
              id={`mention-${name}`}
              role="option"
              aria-selected={i === selected}
              className={i === selected ? 'selected' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(name);
              }}
            >
              @{name}
            </li>
          ))}
        </ul>
      )}
      <div className={`composer-box ${over ? 'over' : ''}`}>
        <textarea
          ref={input}
          aria-label="Message"
          placeholder={disabled ? 'Connecting…' : 'Write a message… (@ to mention)'}
          rows={1}
          value={text}
          role="combobox"
          aria-expanded={open}
          aria-controls={open ? 'mention-suggestions' : undefined}
          aria-autocomplete="list"
          aria-activedescendant={open ? `mention-${suggestions[Math.min(selected, suggestions.length - 1)]}` : undefined}
          aria-describedby="composer-hint"
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setSelected(0);
            if (e.target.value.trim()) store.typing(roomId);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="send" aria-label="Send" disabled={!length || over}>
          <SendIcon />
        </button>
      </div>
      <div className="composer-hint" id="composer-hint">
        <span className="muted">
          <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
        </span>
        {length > warnFrom && (
          <span className={over ? 'count over' : 'count'} role={over ? 'alert' : undefined} data-testid="char-count">
            {over ? `${length - MaxMessageLength} characters over the ${MaxMessageLength.toLocaleString()} limit` : `${MaxMessageLength - length} characters left`}
          </span>
        )}
      </div>
    </form>
  );
}
