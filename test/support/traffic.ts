import { DateTime } from 'luxon';
import * as OpenCC from 'opencc-js/cn2t';

/**
 * Customer traffic for crisis-detection tests: seeded, with the daily cycle of a consumer brand
 * on social media (quiet nights, a late-morning and an evening peak, local time) and a weekly one
 * (busier weekends and Mondays), in simplified and traditional Chinese and English, about a
 * catalogue of products, with the watch-list words normal traffic does contain now and then.
 */
export interface GeneratedMessage {
  receivedAt: Date;
  channel: string;
  body: string;
  language: 'zh' | 'en';
}

export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const poisson = (lambda: number) => {
    // Knuth: exact and fast enough for the small per-minute rates used here.
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = next(); p > limit; p *= next()) k++;
    return k;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const weighted = <T>(list: readonly [T, number][]) => {
    let r = next() * list.reduce((s, [, w]) => s + w, 0);
    for (const [value, weight] of list) if ((r -= weight) < 0) return value;
    return list[list.length - 1]![0];
  };
  return { next, poisson, pick, weighted };
}

/** Relative traffic per local hour (0–23) and per ISO weekday (1 Monday … 7 Sunday). */
export const HOURLY = [0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.95, 1.25, 1.45, 1.35, 1.1, 1.2, 1.3, 1.25, 1.15, 1.05, 1.05, 1.25, 1.55, 1.65, 1.25, 0.65];
export const WEEKDAY: Record<number, number> = { 1: 1.15, 2: 1, 3: 1, 4: 1, 5: 0.95, 6: 1.35, 7: 1.25 };

export const CHANNEL_MIX: [string, number][] = [
  ['weibo', 25], ['wechat', 20], ['douyin', 15], ['xiaohongshu', 10], ['kuaishou', 5], ['email', 10], ['web', 5], ['chat', 7], ['phone', 3],
];

const ZH_PRODUCTS = ['小米手环7', '华为Mate60', '戴森吸尘器', '空气炸锅', '扫地机器人', '蓝牙耳机', '电动牙刷', '智能手表', '保温杯', '面膜'];
const EN_PRODUCTS = ['iPhone 14', 'Acme Blender', 'Kindle Paperwhite', 'air purifier', 'robot vacuum', 'wireless earbuds'];
const ZH_DEFECTS = ['屏幕碎了', '充不进电', '自动关机', '漏水', '有异味', '声音很小', '连不上蓝牙'];

const ZH = {
  complaint: [
    '我买的{p}{d}，太失望了，要求退款',
    '{p}用了两天就{d}，客服一直不回复',
    '订单三天了还没发货，{p}到底什么时候到',
    '快递把{p}的包装压坏了，东西也有划痕',
    '{p}的价格比别家贵了一百多，感觉被坑了',
    '退款申请提交一周了还没到账，太慢了',
    '客服态度很差，问了三次都没人解决{p}的问题',
  ],
  question: ['请问{p}支持七天无理由退货吗？', '{p}什么时候有货？', '会员积分怎么兑换优惠券？', '{p}的保修期是多久？', '请问可以开发票吗？', '{p}怎么连接手机？'],
  suggestion: ['建议{p}增加更多颜色', '希望App可以增加夜间模式', '建议物流信息更新得及时一点', '希望{p}出一个大容量的版本'],
};
const EN = {
  complaint: [
    'My {p} stopped working after two days, I want a refund',
    'Still no delivery for my {p} order, tracking has not updated in a week',
    'The {p} arrived damaged and the box was crushed',
    'Your support agent was rude and did not solve my problem with the {p}',
    'Charged twice for my {p}, please refund the extra payment',
  ],
  question: ['Does the {p} come with a warranty?', 'When will the {p} be back in stock?', 'How do I change my delivery address?', 'Can I pay for the {p} in instalments?'],
  suggestion: ['It would be great if the {p} came in more colours', 'Please add a dark mode to the app', 'Offer gift wrapping for the {p}'],
};
/** Watch-list words normal complaints do contain once in a while: no crisis in them. */
const ZH_EXTRAS: [string, number][] = [['，再不处理我就找媒体曝光', 0.004], ['，我要去12315投诉', 0.006], ['，吃完有点过敏', 0.003], ['，我会请律师', 0.002]];
const EN_EXTRAS: [string, number][] = [[' I will contact my lawyer.', 0.004], [' Is there a recall?', 0.003]];

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

export function normalMessage(random: ReturnType<typeof seeded>): { body: string; language: 'zh' | 'en' } {
  const english = random.next() < 0.2;
  const type = random.weighted<'complaint' | 'question' | 'suggestion'>([['complaint', 35], ['question', 50], ['suggestion', 15]]);
  const templates = english ? EN[type] : ZH[type];
  let body = random.pick(templates).replace('{p}', random.pick(english ? EN_PRODUCTS : ZH_PRODUCTS)).replace('{d}', random.pick(ZH_DEFECTS));
  if (type === 'complaint') for (const [extra, p] of english ? EN_EXTRAS : ZH_EXTRAS) if (random.next() < p) body += extra;
  if (!english && random.next() < 0.12) body = toTraditional(body);
  return { body, language: english ? 'en' : 'zh' };
}

/** Messages per minute from `from` for `days` days, `perDay` on an average day. */
export function normalTraffic(options: { from: Date; to: Date; perDay: number; timeZone: string; seed: number }): GeneratedMessage[] {
  const random = seeded(options.seed);
  const hourSum = HOURLY.reduce((a, b) => a + b, 0);
  const messages: GeneratedMessage[] = [];
  for (let t = options.from.getTime(); t < options.to.getTime(); t += 60_000) {
    const local = DateTime.fromMillis(t, { zone: options.timeZone });
    const perMinute = (options.perDay * (HOURLY[local.hour]! / hourSum) * WEEKDAY[local.weekday]!) / 60;
    for (let n = random.poisson(perMinute); n > 0; n--) {
      const { body, language } = normalMessage(random);
      messages.push({ receivedAt: new Date(t + Math.floor(random.next() * 60_000)), channel: random.weighted(CHANNEL_MIX), body, language });
    }
  }
  return messages;
}

const ZH_SURGE = [
  '新买的小米手环8充电时爆炸了！太吓人了',
  '我的小米手环8充电的时候突然发烫冒烟了',
  '小米手环8刚戴一天就黑屏了，什么质量',
  '小米手环8表带断了，屏幕也碎了，要求退货',
  '小米手環8螢幕碎了，充電還會發燙，要求退貨',
  '小米手环8充电器起火了，差点烧到桌子',
  '小米手环8用了三天就开不了机，太差了',
  '小米手环8戴着手腕被烫伤了，你们必须给个说法',
];
const EN_SURGE = [
  'My Acme X200 air fryer caught fire on the first use!',
  'The Acme X200 smells of burning plastic and the handle melted, I want a refund',
  'Acme X200 air fryer stopped heating after one day, terrible quality',
  'Acme X200 exploded in my kitchen, this is dangerous',
  'My Acme X200 overheats and trips the fuse every time, refund please',
  'The basket of my Acme X200 cracked and the fryer smells burnt, really disappointed',
];

/** `count` complaints about one product, evenly over `minutes` from `from`, over many channels. */
export function surge(options: { from: Date; minutes: number; count: number; language: 'zh' | 'en'; seed: number }): GeneratedMessage[] {
  const random = seeded(options.seed);
  const step = (options.minutes * 60_000) / options.count;
  return Array.from({ length: options.count }, (_, i) => ({
    receivedAt: new Date(options.from.getTime() + Math.floor(i * step)),
    channel: random.weighted(CHANNEL_MIX),
    body: random.pick(options.language === 'zh' ? ZH_SURGE : EN_SURGE),
    language: options.language,
  }));
}
