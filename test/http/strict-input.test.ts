import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { markInputsStrict, strictInput } from '../../src/http/strict-input.ts';

const issues = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ code: i.code, path: i.path.join('.'), keys: (i as { keys?: string[] }).keys }));
};

describe('strictInput', () => {
  const Action = z.discriminatedUnion('type', [z.object({ type: z.literal('tag'), tag: z.string() }), z.object({ type: z.literal('none') })]);
  const Schema = z
    .object({
      name: z.string(),
      nested: z.object({ a: z.string().optional() }).refine((v) => v.a !== 'no', { message: 'no', path: ['a'] }).default({}),
      actions: z.array(Action).optional(),
      tuple: z.tuple([z.object({ x: z.number() })]).optional(),
      list: z.string().transform((raw) => raw.split(',')).pipe(z.array(z.string())).optional(),
      open: z.looseObject({}).optional(),
      map: z.record(z.string(), z.object({ v: z.number() })).optional(),
    })
    .refine((v) => v.name !== 'forbidden', 'top-level refinement');
  const strict = strictInput(Schema);

  it('refuses unknown keys at every depth', () => {
    expect(issues(strict, { name: 'x', extra: 1 })).toEqual([{ code: 'unrecognized_keys', path: '', keys: ['extra'] }]);
    expect(issues(strict, { name: 'x', nested: { b: 1 } })).toEqual([{ code: 'unrecognized_keys', path: 'nested', keys: ['b'] }]);
    expect(issues(strict, { name: 'x', actions: [{ type: 'none', y: 1 }] })).toEqual([{ code: 'unrecognized_keys', path: 'actions.0', keys: ['y'] }]);
    expect(issues(strict, { name: 'x', tuple: [{ x: 1, z: 2 }] })).toEqual([{ code: 'unrecognized_keys', path: 'tuple.0', keys: ['z'] }]);
    expect(issues(strict, { name: 'x', map: { k: { v: 1, w: 2 } } })).toEqual([{ code: 'unrecognized_keys', path: 'map.k', keys: ['w'] }]);
  });

  it('keeps refinements, defaults, transforms and the objects that chose to be open', () => {
    expect(strict.parse({ name: 'x', list: 'a,b', open: { anything: true } })).toEqual({ name: 'x', nested: {}, list: ['a', 'b'], open: { anything: true } });
    expect(issues(strict, { name: 'x', nested: { a: 'no' } })).toEqual([{ code: 'custom', path: 'nested.a', keys: undefined }]);
    expect(issues(strict, { name: 'forbidden' })).toEqual([{ code: 'custom', path: '', keys: undefined }]);
  });

  it('leaves the original schema alone and builds the strict one once', () => {
    expect(Schema.safeParse({ name: 'x', extra: 1 }).success).toBe(true);
    expect(strictInput(Schema)).toBe(strict);
    const leaf = z.string();
    expect(strictInput(leaf)).toBe(leaf);
  });
});

describe('markInputsStrict', () => {
  it('closes the objects that say nothing about other keys, as the validator does', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'object', properties: {} }, list: { type: 'array', items: { type: 'object' } }, map: { type: 'object', additionalProperties: { type: 'object' }, propertyNames: { type: 'string' } } },
    };
    markInputsStrict(schema);
    expect(schema).toMatchObject({
      additionalProperties: false,
      properties: { a: { additionalProperties: false }, list: { items: { additionalProperties: false } }, map: { additionalProperties: { additionalProperties: false } } },
    });
  });
});
