import { randomBytes } from 'node:crypto';
import type { InquiryInput } from '../../src/modules/inquiries/inquiries.schemas.ts';

const unique = () => randomBytes(6).toString('hex');

/** A valid inquiry with fresh ids; override what the test is about. */
export function inquiry(overrides: Partial<InquiryInput> = {}): InquiryInput {
  const id = unique();
  return {
    channel: 'weibo',
    externalId: `wb-msg-${id}`,
    customer: { externalId: `wb-user-${id}`, name: '小王', handle: `@xiaowang_${id}` },
    body: '我的订单三天了还没发货，请帮忙查一下',
    ...overrides,
  };
}
