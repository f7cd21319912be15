import { describe, expect, it } from 'vitest';
import { renderTemplate, unknownPlaceholders } from '../../../src/modules/macros/macro-template.ts';

describe('macro template', () => {
  it('fills the three placeholders, spaces inside the braces allowed', () => {
    expect(renderTemplate('您好 {{customer.name}}，工单 #{{ ticket.number }} 由 {{agent.name}} 处理', { 'customer.name': '王小明', 'ticket.number': 42, 'agent.name': '李娜' })).toBe(
      '您好 王小明，工单 #42 由 李娜 处理',
    );
  });

  it('leaves a missing value empty and tidies the gap it leaves', () => {
    expect(renderTemplate('您好 {{customer.name}}，已处理', { 'customer.name': null })).toBe('您好，已处理');
    expect(renderTemplate('Hi {{customer.name}}, done. {{agent.name}}', {})).toBe('Hi, done. ');
  });

  it('inserts values as plain text, once: neither markup nor placeholders in a value are interpreted', () => {
    expect(renderTemplate('Hi {{customer.name}}', { 'customer.name': '<b>{{agent.name}}</b>', 'agent.name': 'X' })).toBe('Hi <b>{{agent.name}}</b>');
  });

  it('names unknown placeholders once each; stray braces are text', () => {
    expect(unknownPlaceholders('{{customer.phone}} {{ customer.name }} {{x}} {{customer.phone}} {{ not closed')).toEqual(['customer.phone', 'x']);
    expect(unknownPlaceholders('{{}}')).toEqual(['']);
    expect(unknownPlaceholders('a { b } {{ticket.number}}')).toEqual([]);
  });
});
