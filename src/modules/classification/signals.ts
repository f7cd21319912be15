import type { Signal, SignalKind } from './classification.schemas.ts';

/**
 * Urgency cues a support team routes on, in English and Chinese. Matched on the normalised text
 * (traditional already folded to simplified, lower-case ASCII, full-width folded), so one pattern
 * covers 退款 and 退款, "Refund" and "ＲＥＦＵＮＤ". Normalisation keeps offsets, so `match` is
 * cut from the original text: agents see the words the customer used.
 *
 * Patterns are deliberately specific (precision over recall): a false "legal_threat" on every
 * message that says "law" would train agents to ignore the flag.
 */

const RULES: ReadonlyArray<{ kind: SignalKind; re: RegExp }> = [
  {
    kind: 'refund',
    re: /退款|退钱|退费|退货退款|退回(?:费用|款项|钱)|返还(?:费用|款)|全额退|money back|refund|reimburse/,
  },
  {
    kind: 'chargeback',
    re: /拒付|撤单争议|信用卡争议|chargeback|charge back|dispute (?:the |this )?(?:charge|transaction|payment)|call(?:ing)? my bank|contact(?:ing)? my (?:bank|card issuer)/,
  },
  {
    kind: 'legal_threat',
    re: /律师|起诉|上诉|诉讼|法院|告你们|告到|法律途径|法律责任|律师函|仲裁|lawyer|attorney|solicitor|lawsuit|sue you|suing|legal action|take (?:you|this) to court|small claims|class action/,
  },
  {
    kind: 'regulator',
    re: /12315|12345|12378|消协|消费者协会|市场监管|工商局|银保监|消保委|消基会|監理|监管部门|ombudsman|trading standards|better business bureau|\bbbb\b|\bfca\b|\bftc\b|\bcfpb\b|\bofcom\b|regulator/,
  },
  {
    kind: 'media_exposure',
    re: /曝光|媒体|记者|微博上|发微博|上热搜|发到网上|抖音|小红书|新闻|电视台|journalist|reporter|the press|\bmedia\b|go(?:ing)? viral|social media|post(?:ing)? (?:this )?(?:on|everywhere)|tiktok|twitter|review everywhere/,
  },
  {
    kind: 'safety',
    re: /受伤|伤到|烫伤|割伤|过敏|食物中毒|拉肚子|腹泻|呕吐|住院|起火|着火|爆炸|冒烟|漏电|触电|异物|虫子|蟑螂|安全隐患|\binjur|\bhurt\b|\bburn(?:ed|t)\b|\ballergic|food poisoning|\bpoisoned|\bvomit|\bhospital|\bfire\b|\bexplod|\bsmoke\b|electric shock|\bchoking|\bunsafe\b|\bdangerous|\bhazard/,
  },
  {
    kind: 'repeat_contact',
    re: /(?:第[二三四五六七八九十几]|[二三四五六七八九十几多]+|\d+)次(?:打|联系|投诉|反映|反馈|来电|催|找)|再次(?:投诉|反映|联系)|又一次|反复(?:联系|投诉|反映|催)|多次(?:联系|投诉|反映|催|打|沟通)?|一直在催|(?:打|联系|找|催|问)了(?:好)?[几两二三四五六七八九十多\d]+(?:次|遍|个电话)|still waiting|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|(?:several|multiple|many|numerous|countless|\d+) (?:times|calls|emails|messages|attempts)|again and again|keep (?:calling|emailing|asking|chasing)|already (?:called|contacted|emailed|asked|reported|complained)|called (?:you )?(?:twice|again)|follow(?:ing)?[- ]up (?:again|on my)/,
  },
  {
    kind: 'cancellation',
    re: /取消(?:订单|订阅|会员|预订|服务|合同|自动续费)?|退订|解约|销户|注销(?:账户|账号|帐号)?|停机|\bcancel|unsubscribe|terminate (?:my|the) (?:contract|account|subscription)|close my account/,
  },
  {
    kind: 'churn_risk',
    re: /再也不(?:买|来|用|会)|不会再(?:买|来|用)|换(?:一家|别家|其他)|转网|转到别的|卸载|拉黑|never (?:again|buy|shop|use|fly|order)|switch(?:ing)? to|moving to|take my business|lost a customer|last time i|won't be (?:back|returning|buying|using)|goodbye|uninstall/,
  },
  {
    kind: 'fraud',
    re: /诈骗|骗子|骗钱|被骗|盗刷|盗号|被盗|冒用|未经(?:本人|我)?(?:同意|授权)|莫名(?:其妙)?(?:扣|被扣|扣款|扣费)|乱扣|scam|fraud|stolen|unauthori[sz]ed|hacked|phishing|identity theft|didn't (?:authori[sz]e|make) (?:this|these|that)|charged without/,
  },
  {
    kind: 'privacy',
    re: /隐私|泄露|泄漏|个人信息|骚扰电话|被骚扰|privacy|data breach|leaked|my (?:personal )?(?:data|information) (?:was|has been)|gdpr|spam calls/,
  },
  {
    kind: 'urgent',
    re: /紧急|急用|急急|十万火急|尽快|马上处理|立即处理|立刻|赶紧|今天必须|urgent|asap|as soon as possible|immediately|right now|emergency/,
  },
  {
    kind: 'vip',
    re: /vip|svip|钻石会员|白金会员|金卡|黑卡|老客户|老顾客|忠实(?:客户|用户|顾客)|plus会员|platinum|gold member|premium (?:member|customer|account)|loyal customer|(?:\d+|many|ten|twenty) years? (?:customer|member|client)|long[- ]time customer/,
  },
];

const MAX_MATCH = 40;

/** Signals found in `norm`, at most one per kind, in the order of the schema's kind list. */
export function detectSignals(norm: string, original: string): Signal[] {
  const out: Signal[] = [];
  for (const rule of RULES) {
    const m = rule.re.exec(norm);
    if (m === null) continue;
    const end = Math.min(m.index + m[0].length, m.index + MAX_MATCH);
    out.push({ kind: rule.kind, match: original.slice(m.index, end) });
  }
  return out;
}
