/**
 * What customers and agents write in generated history: topics per type and language, each with
 * the customer's words and the answer an agent gives to that topic (so solved tickets carry
 * replies that fit them, what suggested answers draw on), plus generic acknowledgements.
 */
type Lang = 'zh-Hans' | 'zh-Hant' | 'en' | 'mixed' | 'other';
type Kind = 'question' | 'complaint' | 'suggestion';

const PRODUCTS = ['扫地机器人 S7', '空气净化器 A3', '电饭煲 R2', '蓝牙耳机 B5', '智能手表 W2', '洗碗机 D8', '吸尘器 V10'];
const PRODUCTS_EN = ['robot vacuum S7', 'air purifier A3', 'rice cooker R2', 'earbuds B5', 'smart watch W2', 'dishwasher D8', 'vacuum V10'];

/** One topic: what the customer asks and what answers it. */
interface Topic {
  ask: (p: string) => string;
  answer: (p: string) => string;
}
const t = (ask: Topic['ask'], answer: Topic['answer']): Topic => ({ ask, answer });

const TOPICS: Record<Lang, Record<Kind, Topic[]>> = {
  'zh-Hans': {
    question: [
      t((p) => `请问${p}怎么连接手机？`, (p) => `您好，${p}连接手机：打开 App，长按电源键 3 秒进入配对模式，在 App 中点击“添加设备”即可`),
      t((p) => `${p}的保修期是多久？`, (p) => `您好，${p}整机保修一年，主要部件保修两年，凭订单即可享受保修`),
      t((p) => `我的订单什么时候发货？买的是${p}`, () => `您好，您的订单已打包，预计 48 小时内发货，发货后会短信通知物流单号`),
      t((p) => `${p}怎么申请退货退款？`, () => `您好，签收 7 天内可在订单页点击“申请售后”选择退货退款，快递上门取件，验货后 3 个工作日退款`),
      t((p) => `买${p}可以开发票吗？`, () => `您好，可以开具电子发票，在订单详情页点击“申请发票”填写抬头和税号即可`),
      t((p) => `${p}需要上门安装吗？`, (p) => `您好，${p}支持免费上门安装，签收后在 App 预约安装时间，师傅会提前电话联系`),
    ],
    complaint: [
      t((p) => `${p}用了三天就坏了，太失望了`, (p) => `非常抱歉，${p}三天就出现故障属于质量问题，已为您安排免费换新，快递会上门取回旧机`),
      t((p) => `订单一周还没发货，${p}到底什么时候到？`, () => `非常抱歉让您久等，仓库缺货导致延迟，已为您加急发货并补偿 20 元优惠券`),
      t((p) => `客服一直不回复，${p}的退款还没到账`, () => `非常抱歉，退款已重新提交，1 到 3 个工作日原路退回，请留意银行到账通知`),
      t((p) => `收到的${p}外包装破损，配件也少了`, () => `非常抱歉，已为您补发缺少的配件，破损问题已反馈给物流，可申请运费补偿`),
    ],
    suggestion: [
      t((p) => `建议${p}增加静音模式`, (p) => `感谢建议！${p}的静音模式已列入下个版本，固件更新后在 App 设置中开启`),
      t((p) => `希望${p}的说明书能写得更清楚一些`, (p) => `感谢反馈，${p}的新版说明书已增加图解步骤，可在官网下载电子版`),
    ],
  },
  'zh-Hant': {
    question: [
      t((p) => `請問${p}怎麼連接手機？`, (p) => `您好，${p}連接手機：打開 App，長按電源鍵 3 秒進入配對模式，在 App 中點擊「新增裝置」即可`),
      t((p) => `${p}的保固期是多久？`, (p) => `您好，${p}整機保固一年，主要零件保固兩年`),
    ],
    complaint: [
      t((p) => `${p}用了三天就壞了，太失望了`, (p) => `非常抱歉，${p}屬於品質問題，已為您安排免費換新`),
      t((p) => `訂單一週還沒出貨，${p}到底什麼時候到？`, () => `非常抱歉讓您久等，已為您加急出貨`),
    ],
    suggestion: [t((p) => `建議${p}增加靜音模式`, (p) => `感謝建議！${p}的靜音模式已列入下個版本`)],
  },
  en: {
    question: [
      t((p) => `How do I pair the ${p} with my phone?`, (p) => `Hi, to pair the ${p}: open the app, hold the power button for 3 seconds until the light blinks, then tap "Add device"`),
      t((p) => `What is the warranty on the ${p}?`, (p) => `Hi, the ${p} has a one-year warranty on the whole unit and two years on the motor; your order number is all you need`),
      t((p) => `How can I return the ${p} for a refund?`, () => `Hi, within 7 days of delivery open the order, choose "Return and refund", and a courier picks it up; the refund follows within 3 business days`),
      t((p) => `Can I get an invoice for the ${p}?`, () => `Hi, open the order details and choose "Request invoice"; the electronic invoice arrives by email`),
    ],
    complaint: [
      t((p) => `My ${p} stopped working after three days, very disappointed`, (p) => `We are sorry: a ${p} failing after three days is a defect, we are sending you a free replacement and collecting the old one`),
      t((p) => `Still no refund for the ${p} after two weeks`, () => `Sorry for the delay: the refund was resubmitted and reaches your card within 1 to 3 business days`),
    ],
    suggestion: [t((p) => `Please add a quiet mode to the ${p}`, (p) => `Thank you! A quiet mode for the ${p} is planned for the next firmware update`)],
  },
  mixed: {
    question: [t((p) => `请问 ${p} 的 app 怎么 login？`, () => `您好，请在 app 里用手机号 login，收到验证码后输入即可`)],
    complaint: [t((p) => `${p} 的 battery 一天就没电了，太差了`, (p) => `非常抱歉，${p} 的 battery 问题可以免费检测，已为您安排寄修`)],
    suggestion: [t((p) => `希望 ${p} 支持 dark mode`, () => `感谢建议，dark mode 已在开发中`)],
  },
  other: { question: [t(() => '???', () => '您好')], complaint: [t(() => '!!!', () => '您好')], suggestion: [t(() => '…', () => '您好')] },
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
  answer: '非常抱歉，电热水壶 K1 已启动安全排查，请立即停止使用，我们将免费上门回收并全额退款',
};

/** A customer's opening message and the answer that fits it. */
export function customerText(lang: Lang, kind: Kind, pick: (n: number) => number): { body: string; answer: string } {
  const topics = TOPICS[lang][kind];
  const products = lang === 'en' ? PRODUCTS_EN : PRODUCTS;
  const topic = topics[pick(topics.length)]!;
  const product = products[pick(products.length)]!;
  return { body: topic.ask(product), answer: topic.answer(product) };
}

export const agentText = (lang: Lang, pick: (n: number) => number) => AGENT[lang][pick(AGENT[lang].length)]!;
export const followUpText = (lang: Lang, pick: (n: number) => number) => FOLLOW_UP[lang][pick(FOLLOW_UP[lang].length)]!;
export type { Lang, Kind };
