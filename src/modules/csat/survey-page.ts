import type { SurveyLanguage } from './survey-language.ts';

/**
 * The customer's survey page: server-rendered HTML that works without JavaScript (a plain form),
 * mobile-first, in the customer's language. Everything interpolated is escaped.
 */
const TEXT = {
  'zh-Hans': {
    title: '服务满意度评价',
    intro: (n: number | null) => (n ? `您对工单 #${n} 的处理满意吗？` : '您对本次服务满意吗？'),
    ratings: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
    reasons: '哪些方面影响了您的评价？（可多选）',
    comment: '还有什么想告诉我们的吗？（选填）',
    submit: '提交评价',
    thanks: '感谢您的评价！',
    thanksBody: '您的反馈会帮助我们做得更好。在有效期内，您可以重新打开此链接修改评价。',
    change: '修改评价',
    yours: '您的评价',
    missing: '请选择一个评分。',
    failed: '提交失败，请稍后再试。',
    goneTitle: '评价链接已失效',
    goneBody: '这个评价链接已过期或已被撤回。如需帮助，请再次联系我们。',
    notFoundTitle: '找不到此评价',
    notFoundBody: '请检查链接是否完整。',
    outcomes: '您的反馈让我们做出了这些改变',
  },
  'zh-Hant': {
    title: '服務滿意度評價',
    intro: (n: number | null) => (n ? `您對工單 #${n} 的處理滿意嗎？` : '您對本次服務滿意嗎？'),
    ratings: ['非常不滿意', '不滿意', '普通', '滿意', '非常滿意'],
    reasons: '哪些方面影響了您的評價？（可複選）',
    comment: '還有什麼想告訴我們的嗎？（選填）',
    submit: '送出評價',
    thanks: '感謝您的評價！',
    thanksBody: '您的回饋會幫助我們做得更好。在有效期內，您可以重新打開此連結修改評價。',
    change: '修改評價',
    yours: '您的評價',
    missing: '請選擇一個評分。',
    failed: '送出失敗，請稍後再試。',
    goneTitle: '評價連結已失效',
    goneBody: '這個評價連結已過期或已被撤回。如需協助，請再次聯絡我們。',
    notFoundTitle: '找不到此評價',
    notFoundBody: '請檢查連結是否完整。',
    outcomes: '您的回饋讓我們做出了這些改變',
  },
  en: {
    title: 'How did we do?',
    intro: (n: number | null) => (n ? `How satisfied are you with how we handled request #${n}?` : 'How satisfied are you with our service?'),
    ratings: ['Very unhappy', 'Unhappy', 'Okay', 'Happy', 'Very happy'],
    reasons: 'What mattered most? (choose any)',
    comment: 'Anything else you would like to tell us? (optional)',
    submit: 'Send rating',
    thanks: 'Thank you for your rating!',
    thanksBody: 'Your feedback helps us get better. You can open this link again to change your rating while it is valid.',
    change: 'Change my rating',
    yours: 'Your rating',
    missing: 'Please choose a rating.',
    failed: 'Sending failed; please try again in a moment.',
    goneTitle: 'This survey has closed',
    goneBody: 'This link has expired or was withdrawn. If you still need help, please contact us again.',
    notFoundTitle: 'Survey not found',
    notFoundBody: 'Please check that the link is complete.',
    outcomes: 'What feedback like yours changed',
  },
} as const;

const FACES = ['😞', '🙁', '😐', '🙂', '😄'];

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f6f8;color:#1d2733}
main{max-width:32rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.4rem;margin:.2rem 0 1rem}
.card{background:#fff;border-radius:14px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
fieldset{border:0;padding:0;margin:0 0 1.2rem}legend{font-weight:600;margin-bottom:.6rem}
.faces{display:flex;justify-content:space-between;gap:.3rem}.faces label{flex:1;text-align:center;cursor:pointer}
.faces input{position:absolute;opacity:0}.faces span{display:block;font-size:2.2rem;padding:.3rem 0;border-radius:12px;border:2px solid transparent}
.faces small{display:block;font-size:.72rem;color:#5b6776}.faces input:checked+span{border-color:#2563eb;background:#eff5ff}
.faces input:focus-visible+span{outline:3px solid #93c5fd}
.reasons label{display:inline-flex;align-items:center;gap:.35rem;margin:0 .8rem .5rem 0}
textarea{width:100%;min-height:6rem;font:inherit;padding:.6rem;border:1px solid #cbd3dc;border-radius:10px}
button{width:100%;font:inherit;font-weight:600;padding:.8rem;border:0;border-radius:10px;background:#2563eb;color:#fff;cursor:pointer}
.error{color:#b42318;font-weight:600}.muted{color:#5b6776}
.outcomes{margin-top:1rem}.outcomes h2{font-size:1rem;margin:0 0 .5rem}.outcomes ul{margin:0;padding-left:1.1rem}.outcomes li{margin:.3rem 0}.outcomes small{color:#5b6776}`;

/** A published outcome as the page shows it (反馈结果公示): the note, its topic and day. */
export interface PublishedOutcome {
  note: string;
  topic: string | null;
  date: string;
}

function outcomesSection(language: SurveyLanguage, outcomes: readonly PublishedOutcome[] | undefined): string {
  if (!outcomes?.length) return '';
  const items = outcomes
    .map((o) => `<li>${o.topic ? `<strong>${escapeHtml(o.topic)}</strong>: ` : ''}${escapeHtml(o.note)} <small>${escapeHtml(o.date)}</small></li>`)
    .join('');
  return `<section class="card outcomes" id="outcomes"><h2>${escapeHtml(TEXT[language].outcomes)}</h2><ul>${items}</ul></section>`;
}

function page(language: SurveyLanguage, title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main>${script}</body></html>`;
}

/**
 * Progressive enhancement: with JavaScript the form posts JSON to the public API
 * (POST /v1/surveys/{token}) and then shows the thanks page; without it, the plain form post
 * to /survey/{token} does the same. The nonce matches the page's Content-Security-Policy.
 */
function enhancement(token: string, nonce: string, errorText: string): string {
  return `<script nonce="${escapeHtml(nonce)}">(function(){var f=document.querySelector('form');if(!f||!window.fetch)return;
f.addEventListener('submit',function(e){e.preventDefault();var d=new FormData(f);var r=d.get('rating');if(!r)return;
fetch('/v1/surveys/${escapeHtml(token)}',{method:'POST',headers:{'content-type':'application/json',accept:'application/json'},
body:JSON.stringify({rating:Number(r),comment:String(d.get('comment')||''),reasons:d.getAll('reasons').map(String)})})
.then(function(res){if(res.ok){location.assign('/survey/${escapeHtml(token)}?thanks=1');return;}throw new Error(String(res.status));})
.catch(function(){var p=document.createElement('p');p.className='error';p.setAttribute('role','alert');p.textContent=${JSON.stringify(errorText)};f.prepend(p);});});})();</script>`;
}

export interface SurveyPageModel {
  language: SurveyLanguage;
  token: string;
  /** per-response CSP nonce for the enhancement script */
  nonce: string;
  ticketNumber: number | null;
  reasonOptions: readonly string[];
  rating: number | null;
  comment: string | null;
  reasons: readonly string[];
  error?: boolean;
  outcomes?: readonly PublishedOutcome[];
}

export function renderSurveyForm(model: SurveyPageModel): string {
  const t = TEXT[model.language];
  const faces = FACES.map(
    (face, i) => `<label><input type="radio" name="rating" value="${i + 1}"${model.rating === i + 1 ? ' checked' : ''} required>
<span aria-hidden="true">${face}</span><small>${escapeHtml(t.ratings[i]!)}</small></label>`,
  ).join('');
  const reasons = model.reasonOptions
    .map((reason) => `<label><input type="checkbox" name="reasons" value="${escapeHtml(reason)}"${model.reasons.includes(reason) ? ' checked' : ''}>${escapeHtml(reason)}</label>`)
    .join('');
  return page(
    model.language,
    t.title,
    `<h1>${escapeHtml(t.title)}</h1><div class="card"><form method="post" action="/survey/${escapeHtml(model.token)}">
${model.error ? `<p class="error" role="alert">${escapeHtml(t.missing)}</p>` : ''}
<fieldset><legend>${escapeHtml(t.intro(model.ticketNumber))}</legend><div class="faces">${faces}</div></fieldset>
${reasons ? `<fieldset class="reasons"><legend>${escapeHtml(t.reasons)}</legend>${reasons}</fieldset>` : ''}
<fieldset><legend><label for="comment">${escapeHtml(t.comment)}</label></legend><textarea id="comment" name="comment" maxlength="2000">${escapeHtml(model.comment ?? '')}</textarea></fieldset>
<button type="submit">${escapeHtml(model.rating ? t.change : t.submit)}</button></form></div>${outcomesSection(model.language, model.outcomes)}`,
    enhancement(model.token, model.nonce, t.failed),
  );
}

export function renderThanks(model: { language: SurveyLanguage; token: string; rating: number; outcomes?: readonly PublishedOutcome[] }): string {
  const t = TEXT[model.language];
  return page(
    model.language,
    t.thanks,
    `<div class="card" id="thanks"><h1>${escapeHtml(t.thanks)}</h1><p>${escapeHtml(t.yours)}: <span style="font-size:1.6rem">${FACES[model.rating - 1]}</span> ${escapeHtml(t.ratings[model.rating - 1]!)}</p>
<p class="muted">${escapeHtml(t.thanksBody)}</p><p><a href="/survey/${escapeHtml(model.token)}">${escapeHtml(t.change)}</a></p></div>${outcomesSection(model.language, model.outcomes)}`,
  );
}

export function renderUnavailable(language: SurveyLanguage, kind: 'gone' | 'not_found'): string {
  const t = TEXT[language];
  const [title, body] = kind === 'gone' ? [t.goneTitle, t.goneBody] : [t.notFoundTitle, t.notFoundBody];
  return page(language, title, `<div class="card"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></div>`);
}
