// Words for the values reports and alerts carry (ticket types, channels): what they read as on screen.
import { translator } from './lookup.js';

const VALUES = {
  en: {
    question: 'question',
    complaint: 'complaint',
    suggestion: 'suggestion',
    unclassified: 'unclassified',
    weibo: 'Weibo',
    wechat: 'WeChat',
    douyin: 'Douyin',
    kuaishou: 'Kuaishou',
    xiaohongshu: 'Xiaohongshu',
    email: 'email',
    phone: 'phone',
    web: 'web form',
    chat: 'live chat',
    other: 'other',
  },
  'zh-CN': {
    question: '咨询',
    complaint: '投诉',
    suggestion: '建议',
    unclassified: '未分类',
    weibo: '微博',
    wechat: '微信',
    douyin: '抖音',
    kuaishou: '快手',
    xiaohongshu: '小红书',
    email: '邮件',
    phone: '电话',
    web: '网页表单',
    chat: '在线客服',
    other: '其他',
  },
};

/** `word(value)` in `locale`: a known value's words, anything else as it is. */
export function valueWords(locale) {
  const t = translator(VALUES, locale);
  return (value) => t(String(value));
}
