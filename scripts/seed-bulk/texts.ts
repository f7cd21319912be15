/** What customers and agents write in generated history: a few templates per type and language. */
type Lang = 'zh-Hans' | 'zh-Hant' | 'en' | 'mixed' | 'other';
type Kind = 'question' | 'complaint' | 'suggestion';

const PRODUCTS = ['扫地机器人 S7', '空气净化器 A3', '电饭煲 R2', '蓝牙耳机 B5', '智能手表 W2', '洗碗机 D8', '吸尘器 V10'];
const PRODUCTS_EN = ['robot vacuum S7', 'air purifier A3', 'rice cooker R2', 'earbuds B5', 'smart watch W2', 'dishwasher D8', 'vacuum V10'];

const CUSTOMER: Record<Lang, Record<Kind, ((p: string) => string)[]>> = {
  'zh-Hans': {
    question: [(p) => `请问${p}怎么连接手机？`, (p) => `${p}的保修期是多久？`, (p) => `我的订单什么时候发货？买的是${p}`],
    complaint: [(p) => `${p}用了三天就坏了，太失望了`, (p) => `订单一周还没发货，${p}到底什么时候到？`, (p) => `客服一直不回复，${p}的退款还没到账`],
    suggestion: [(p) => `建议${p}增加静音模式`, (p) => `希望${p}的说明书能写得更清楚一些`],
  },
  'zh-Hant': {
    question: [(p) => `請問${p}怎麼連接手機？`, (p) => `${p}的保固期是多久？`],
    complaint: [(p) => `${p}用了三天就壞了，太失望了`, (p) => `訂單一週還沒出貨，${p}到底什麼時候到？`],
    suggestion: [(p) => `建議${p}增加靜音模式`],
  },
  en: {
    question: [(p) => `How do I pair the ${p} with my phone?`, (p) => `What is the warranty on the ${p}?`],
    complaint: [(p) => `My ${p} stopped working after three days, very disappointed`, (p) => `Still no refund for the ${p} after two weeks`],
    suggestion: [(p) => `Please add a quiet mode to the ${p}`],
  },
  mixed: {
    question: [(p) => `请问 ${p} 的 app 怎么 login？`],
    complaint: [(p) => `${p} 的 battery 一天就没电了，太差了`],
    suggestion: [(p) => `希望 ${p} 支持 dark mode`],
  },
  other: { question: [() => '???'], complaint: [() => '!!!'], suggestion: [() => '…'] },
};

const AGENT: Record<Lang, string[]> = {
  'zh-Hans': ['您好，已为您查询，请稍等', '抱歉给您带来不便，我们马上处理', '问题已处理，请您确认'],
  'zh-Hant': ['您好，已為您查詢，請稍等', '抱歉造成不便，我們馬上處理'],
  en: ['Thanks for reaching out, we are looking into it', 'Sorry for the trouble, this is now fixed'],
  mixed: ['您好，已为您 check 过了'],
  other: ['您好'],
};

const FOLLOW_UP: Record<Lang, string[]> = {
  'zh-Hans': ['还是不行，怎么办？', '好的，那大概多久？', '谢谢，还有一个问题'],
  'zh-Hant': ['還是不行，怎麼辦？'],
  en: ['Still not working, what now?', 'Thanks, one more question'],
  mixed: ['还是不 work'],
  other: ['?'],
};

/** The simulated crisis: one product, one fault, many customers on social channels. */
export const CRISIS = {
  product: '电热水壶 K1',
  bodies: ['电热水壶 K1 漏电，差点出事，要曝光！', '电热水壶 K1 烧坏了还冒烟，太危险了', '我的电热水壶 K1 也漏电了，要求召回', 'K1 电热水壶爆炸了，已经联系媒体'],
};

export function customerText(lang: Lang, kind: Kind, pick: (n: number) => number): string {
  const templates = CUSTOMER[lang][kind];
  const products = lang === 'en' ? PRODUCTS_EN : PRODUCTS;
  return templates[pick(templates.length)]!(products[pick(products.length)]!);
}

export const agentText = (lang: Lang, pick: (n: number) => number) => AGENT[lang][pick(AGENT[lang].length)]!;
export const followUpText = (lang: Lang, pick: (n: number) => number) => FOLLOW_UP[lang][pick(FOLLOW_UP[lang].length)]!;
export type { Lang, Kind };
