/**
 * Words that are never a topic on their own: function words, and the vocabulary every support
 * message shares (订单, refund request wording, greetings), which would otherwise top every
 * hotspot list. Compounds may still contain them (客服态度, 会员积分): only standalone use is dropped.
 * Simplified Chinese and lower-case English, since they are compared after normalisation.
 */
export const ZH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    // pronouns, particles, conjunctions and the generic verbs of customer messages
    '我们 你们 他们 她们 它们 自己 大家 这个 那个 这些 那些 这样 那样 这里 那里 什么 怎么 怎样 为什么 哪里 哪个 ' +
    '一个 一下 一点 一些 一直 一次 一样 已经 还是 或者 但是 可是 因为 所以 如果 然后 而且 就是 不是 没有 还有 ' +
    '可以 能够 需要 应该 希望 觉得 知道 看到 看看 告诉 说明 表示 出现 发现 开始 进行 使用 用了 收到 买了 购买 ' +
    '请问 你好 您好 谢谢 感谢 麻烦 帮忙 帮我 处理 解决 回复 联系 咨询 反馈 投诉 建议 问题 情况 事情 东西 时候 ' +
    '现在 今天 昨天 明天 刚才 之前 之后 以后 以前 时间 小时 分钟 天了 几天 多久 好久 最近 马上 立刻 ' +
    '客服 订单 产品 商品 服务 亲爱 朋友 先生 女士 老板 商家 平台 官方 这边 那边 一天 两天 三天 ' +
    '非常 特别 真的 实在 根本 完全 总是 还要 一定 确实 直接 只能 不能 不会 不要 不了 没用 有点 比较 一般 ' +
    // what customers do in every message: asking, waiting, receiving (not what they write about)
    '我要 我想 要求 申请 提交 没到 还没 没收 等待 等了 打电话 发现 使用 用了 喝完 吃完 看了 问了 试了 买的 出来 起来 下来 告诉我 怎么办'
  ).split(' '),
);

export const EN_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then so because as of at by for from in into on onto to with without about over under ' +
    'after before again also just only very really still even ever never not no nor too than that this these those ' +
    'there here where when what which who whom whose why how all any both each few more most other some such own same ' +
    'i me my mine myself we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'am is are was were be been being have has had having do does did doing done will would shall should can could ' +
    'may might must let lets get gets got getting make made go went gone going come came take took give gave ' +
    'want wanted need needed tried try trying said say says told tell asked ask called call contact contacted ' +
    'received receive bought buy ordered order orders please pls hello hi hey dear thanks thank regards sir madam ' +
    'team customer customers service support help issue issues problem problems item items product products thing things ' +
    'today yesterday tomorrow now day days week weeks month months time times hour hours minute minutes ago since ' +
    'one two three first last new yet already soon like well back out up down off im ive dont cant wont didnt doesnt isnt ' +
    'keep keeps kept know think see seen look looking use used using work works worked working happen happened ' +
    'anyone someone something anything nothing everything way able etc ok okay yes'
  ).split(' '),
);
