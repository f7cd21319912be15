import { describe, expect, it } from 'vitest';
import { acceptsJson } from '../../src/http/accepts-json.ts';
import { parseIfMatch } from '../../src/http/if-match.ts';
import { subjectFromBody } from '../../src/modules/inquiries/subject.ts';

describe('acceptsJson', () => {
  it.each([
    [undefined, true],
    ['application/json', true],
    ['*/*', true],
    ['text/html, application/problem+json;q=0.5', true],
    ['text/html', false],
    ['application/json;q=0', false],
  ])('%s → %s', (accept, expected) => expect(acceptsJson(accept)).toBe(expected));
});

describe('parseIfMatch', () => {
  it('accepts a version, an ETag and a weak ETag', () => {
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"3"')).toBe(3);
    expect(parseIfMatch(undefined)).toBeUndefined();
  });
  it('rejects anything else with a 400', () => {
    expect(() => parseIfMatch('"abc"')).toThrow(/If-Match/);
  });
});

describe('subjectFromBody', () => {
  it('takes the first line and cuts long ones', () => {
    expect(subjectFromBody('hello\nworld')).toBe('hello');
    expect(Array.from(subjectFromBody('长'.repeat(200))).length).toBe(81);
  });
});
