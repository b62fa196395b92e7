import { describe, expect, it } from 'vitest';
import { completeMention, findMentions, mentionQueryAt, mentionedUsers, suggestUsers } from './mentions';

describe('findMentions', () => {
  it('finds @name and #name with their positions', () => {
    expect(findMentions('hi @Bob and #carol!')).toEqual([
      { start: 3, length: 4, name: 'bob' },
      { start: 12, length: 6, name: 'carol' },
    ]);
  });

  it('ignores e-mail addresses, URL paths and names glued to text', () => {
    expect(mentionedUsers('mail a@bob.com or bob@example.com, see https://x.io/@bob and x@bob')).toEqual([]);
  });

  it('drops trailing sentence dots but keeps dots inside a name', () => {
    expect(findMentions('thanks @bob.smith.')).toEqual([{ start: 7, length: 10, name: 'bob.smith' }]);
  });

  it('does not cut a name followed by a non-ASCII letter', () => {
    expect(mentionedUsers('@josé')).toEqual([]);
  });

  it('ignores names that are too short or too long', () => {
    expect(mentionedUsers(`@ab @${'a'.repeat(33)} @abc`)).toEqual(['abc']);
  });

  it('lists each user once, in order of first mention', () => {
    expect(mentionedUsers('@bob @alice @BOB')).toEqual(['bob', 'alice']);
  });
});

describe('autocomplete', () => {
  it('finds the mention being typed at the caret', () => {
    expect(mentionQueryAt('hello @al', 9)).toEqual({ start: 6, query: 'al' });
    expect(mentionQueryAt('hello @', 7)).toEqual({ start: 6, query: '' });
  });

  it('is not triggered by an e-mail address or plain text', () => {
    expect(mentionQueryAt('mail me@exa', 11)).toBeNull();
    expect(mentionQueryAt('hello', 5)).toBeNull();
  });

  it('suggests names starting with the query first, never the writer', () => {
    expect(suggestUsers('al', ['malory', 'alice', 'albert', 'me', 'alice'], 'albert')).toEqual(['alice', 'malory']);
  });

  it('replaces the typed part with the chosen name and a space', () => {
    expect(completeMention('hi @al how', 3, 6, 'alice')).toEqual({ text: 'hi @alice how', caret: 10 });
  });
});
