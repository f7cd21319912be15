/**
 * Hand-written intent cues, matched on normalised text (simplified Chinese, lower-case ASCII).
 *
 * Why: every public source covers one class in one style, so n-gram weights partly learn the
 * source. A cue such as "proposes a change" (建议/希望能/would be nice/please add) fires in every
 * source and domain, so the model can put weight on intent that transfers. They are features like
 * any other: the weights are learned, the cues only say where to look.
 */

interface Cue {
  id: string;
  re: RegExp;
}

const CUES: readonly Cue[] = [
  // Asking for information or help.
  { id: 'q_zh_particle', re: /[吗么呢嘛][\s?.!~]*$|[吗么呢][?,.]/ },
  { id: 'q_zh_wh', re: /请问|如何|怎么|怎样|咋|为什么|为啥|多少|多久|哪里|哪儿|哪个|哪些|什么时候|几点|几天/ },
  { id: 'q_zh_can', re: /能否|是否|可否|能不能|可不可以|可以吗|有没有|是不是|需不需要|要不要|想咨询|咨询一下|想问|问一下/ },
  { id: 'q_en_wh', re: /(?:^|[^a-z])(?:how|what|when|where|which|who|whom)\s/ },
  // "why" asks as often as it protests ("why has my order still not arrived"): a cue of its own.
  { id: 'q_en_why', re: /(?:^|[^a-z])why\s/ },
  { id: 'q_en_aux', re: /(?:^|[.!?,]\s*|\s)(?:can|could|do|does|did|is|are|will|would|should|may|have|has)\s+(?:i|you|we|it|they|there|this|my|the)\s/ },
  { id: 'q_en_help', re: /(?:^|[^a-z])(?:i need|i'd like to|i would like to|i want to|help me|can you help|please help|how to|is it possible|wondering|any idea)(?:[^a-z]|$)/ },
  // Sentence opens with a question word (after optional @handles / greeting): "@brand when will…".
  { id: 'q_en_lead', re: /(?:^|[.!?]\s+)(?:@\S+\s+)*(?:(?:hi|hello|hey|hiya|dear \S+)[,!.]?\s+)?(?:how|what|what's|when|where|which|who|is|are|can|could|do|does|did|will|would|have|has|any|anyone|anybody)\s/ },
  // Requests for information or contact details without a question mark ("need service centre info").
  { id: 'q_en_info', re: /(?:need|want|looking for|require|send me|share|give me|provide)\s+(?:some\s+|the\s+|more\s+|your\s+|an?\s+)?(?:info|information|details|number|contact|address|link|status|update|advice|assistance|help)|let (?:me|us) know|please (?:advise|confirm|tell me|let me know|dm|share)|any (?:update|news|eta|info|idea|way)|does anyone know|do you (?:have|know|sell|ship|deliver|offer|accept|open)|is there (?:any|a)\s/ },
  // Proposing a change.
  { id: 's_zh_suggest', re: /建议(?!大家|各位|你们都|亲们|买家|朋友)|提议|倡议|意见/ },
  { id: 's_zh_hope', re: /希望|期待|盼望|恳请|呼吁/ },
  { id: 's_zh_cond', re: /(?:如果|要是|若)(?:能|可以|再|有|把)|就更好|就好了|会更好|更好了|最好(?:能|可以|是)/ },
  { id: 's_zh_add', re: /(?:增加|增设|添加|加个|加上|开通|推出|上线|多出|出些|改进|改善|优化|完善|提高|加强|规范)/ },
  { id: 's_zh_should', re: /应该|应当|能不能(?:增加|加|出|改|提供)|可否(?:增加|考虑|提供)|考虑一下|考虑/ },
  { id: 's_en_would', re: /would (?:be|love|like to see|appreciate)|it'd be|would it be possible|it would help/ },
  { id: 's_en_please_add', re: /please (?:add|make|include|consider|allow|bring|introduce|support|offer|provide|let)|(?:add|bring back|introduce) (?:a|an|the|more|support|option)/ },
  { id: 's_en_should', re: /(?:you|they|there|it|we|microsoft|users?) (?:should|could|ought to|need to) (?:be|have|add|make|allow|provide|include|offer|let|support|consider|get|fix|improve)/ },
  { id: 's_en_suggest', re: /suggest|suggestion|recommend(?! it| this| them)|feature request|wish (?:you|there|it|they)|hope (?:you|they) (?:will|can|add)|how about|why not|option to|ability to|nice to have|improve|i'd love|would love/ },
  { id: 's_en_way', re: /there (?:needs|has|ought) to be|needs? to be (?:a way|an option|able)|should be (?:able|possible|an option|a way|allowed)|(?:would|will|could) be (?:nice|great|good|helpful|useful|awesome|cool|better|handy)|it'd be|would make (?:it|life|things)|(?:could|can) (?:you|we) (?:please )?(?:add|have|get|make|bring)|please (?:expose|provide|implement|enable|create|build|open|allow|extend|update the)|allow (?:us|users|me|developers|apps|people|customers) to|(?:add|adding|need|want|request) (?:support|an option|a setting|the ability|a feature)|support for|if (?:you|they) (?:could|would|added|had|offered)|i (?:wish|hope) (?:you|they|there|it)/ },
  // Something went wrong / grievance.
  { id: 'c_zh_bad', re: /太差|很差|真差|差劲|差评|垃圾|恶心|失望|坑人|坑爹|骗子|欺骗|忽悠|不满|愤怒|气死|无语|不负责|态度恶劣|态度差|太慢|慢死|难吃|难用|难喝|不好用|不能用|用不了|打不开|坏了|破损|损坏|质量问题|假货|变质|不新鲜|漏|错发|少发|漏发/ },
  { id: 'c_zh_still', re: /还没|至今|一直没|一直不|迟迟|到现在|都没有|没人|无人|不理|不回|不给|拒绝|拒不|推诿|不处理|没解决|未解决|没有解决|等了|催了|扣了|多扣|乱扣|被扣/ },
  // Advice against buying after a bad experience is a complaint, not a proposal (GUIDELINES.md).
  { id: 'c_zh_advise_against', re: /不建议|建议(?:不要|别|慎|大家不要|大家别)|别买|不要买|慎买|千万别|不推荐|不会再/ },
  { id: 'c_zh_complain', re: /投诉|举报|维权|索赔|赔偿|退款|退货|退钱|曝光|12315|消协|求助/ },
  { id: 'c_en_bad', re: /worst|terrible|awful|horrible|disgusting|disappointed|disappointing|unacceptable|ridiculous|rude|useless|pathetic|poor|broken|faulty|damaged|defective|crash|bug|doesn't work|does not work|not working|stopped working|won't|can't believe|fed up|annoyed|angry|furious|sucks|joke|scam|shame/ },
  { id: 'c_en_still', re: /still (?:not|no|waiting|haven't|hasn't|have not|has not)|never (?:received|arrived|got|came)|haven't (?:received|heard|got)|hasn't (?:arrived|been)|no one|nobody|no response|no reply|waiting (?:for|since)|been waiting|days? (?:later|ago)|weeks? (?:later|ago)|again(?:[^a-z]|$)|overcharged|charged twice|wrong (?:item|order|size)|missing/ },
  { id: 'c_en_cant', re: /(?:i|we) (?:can't|cannot|can not|couldn't|am unable to|was unable to|still can't)|unable to|keeps? (?:crashing|failing|freezing|dropping|asking)|won't (?:let|load|open|work|accept)|(?:is|was|are|were|been) (?:charged|cancelled|canceled|blocked|suspended|ignored|delayed|lost)/ },
  // Milder trouble words: on their own weak, but with a question form they mark a grievance
  // phrased as a question ("how do I reach you about the problem with my order?").
  { id: 'c_en_trouble', re: /problems?(?:[^a-z]|$)|issues?(?:[^a-z]|$)|trouble|error|faulty|glitch|(?:not|never|n't) (?:received|arrived|delivered|working|fixed|refunded|resolved|responded)|no longer|yet to (?:receive|hear|get)|for (?:days|weeks|months|hours)/ },
  { id: 'c_en_advise_against', re: /(?:don't|do not|never) (?:buy|order|book|use|recommend)|stay away|avoid (?:this|them|at all)|not recommend/ },
  { id: 'c_en_complain', re: /complain|complaint|refund|compensation|money back|escalate|unhappy|not happy|not satisfied|dissatisfied/ },
  // Praise or thanks alone (helps the internal "other" class and lowers confidence on chatter).
  { id: 'o_praise', re: /好评|满意|不错|很好|挺好|非常好|好吃|喜欢|推荐|赞|给力|谢谢|感谢|love|great|awesome|excellent|amazing|thank|thanks|perfect|happy with|well done/ },
];

/**
 * Conjunctions (a linear model cannot AND two features by itself): GUIDELINES.md says a concrete
 * bad experience makes a message a complaint even when it also proposes or asks something, so
 * "proposal + grievance" and "question + grievance" get features of their own.
 */
const CONJUNCTIONS: readonly string[] = ['x_propose_grievance', 'x_ask_grievance'];
const KIND: readonly string[] = CUES.map((c) => (c.id.startsWith('c_') && !c.id.includes('advise') ? 'c' : c.id.charAt(0)));

export function cueIds(): string[] {
  return [...CUES.map((c) => c.id), ...CONJUNCTIONS];
}

/** Indices of the cues that fire on `norm`; `out` is reused by the caller. */
export function matchCues(norm: string, out: number[]): number[] {
  out.length = 0;
  let ask = false;
  let propose = false;
  let grievance = false;
  for (let i = 0; i < CUES.length; i++) {
    if ((CUES[i] as Cue).re.test(norm)) {
      out.push(i);
      const kind = KIND[i];
      if (kind === 'q') ask = true;
      else if (kind === 's') propose = true;
      else if (kind === 'c') grievance = true;
    }
  }
  if (grievance && propose) out.push(CUES.length);
  if (grievance && ask) out.push(CUES.length + 1);
  return out;
}
