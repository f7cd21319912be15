// Routing rules (leads and admins), read-only: the rules in the order they are tried, each with its
// conditions and actions in words, and the dry run: paste an inquiry, see which rules match and why
// (POST /v1/routing-rules/dry-run classifies it and runs the same matcher; nothing is saved).
import { CHANNELS, TICKET_PRIORITIES } from '../../constants.js';
import { actionWords } from '../../routing-words.js';
import { agentName, teamName } from '../../agents.js';
import { el, linkStylesheet } from '../shared/dom.js';
import { formatter } from '../shared/format.js';
import { translator } from '../shared/lookup.js';
import strings from './strings.js';

export async function mount(root, ctx) {
  await Promise.all([linkStylesheet(new URL('../shared/pages.css', import.meta.url).pathname), linkStylesheet(new URL('./routing.css', import.meta.url).pathname)]);
  const t = translator(strings, ctx.locale);
  const fmt = formatter(ctx);
  const word = (kind, value) => {
    const text = ctx.t(`${kind}.${value}`);
    return text === `${kind}.${value}` ? String(value) : text;
  };
  const words = (kind, values) => values.map((v) => word(kind, v)).join(t('or'));
  const percent = (value) => fmt.percent(value, 0);

  /** A rule's conditions as phrases, in the order the matcher checks them (routing/match.ts). */
  function conditionWords(c) {
    const out = [];
    if (c.types?.length) out.push(t('cond.types', { values: words('type', c.types) }));
    if (c.channels?.length) out.push(t('cond.channels', { values: words('channel', c.channels) }));
    if (c.languages?.length) out.push(t('cond.languages', { values: words('language', c.languages) }));
    if (c.priorities?.length) out.push(t('cond.priorities', { values: words('priority', c.priorities) }));
    if (c.tags?.length) out.push(t('cond.tags', { values: c.tags.join(', ') }));
    if (c.signals?.length) out.push(t('cond.signals', { values: words('signal', c.signals) }));
    if (c.minConfidence !== undefined) out.push(t('cond.minConfidence', { value: percent(c.minConfidence) }));
    if (c.maxConfidence !== undefined) out.push(t('cond.maxConfidence', { value: percent(c.maxConfidence) }));
    if (c.needsReview !== undefined) out.push(t(`cond.needsReview.${c.needsReview}`));
    if (c.repeatContact) out.push(t('cond.repeatContact', { min: fmt.number(c.repeatContact.minTickets), days: fmt.number(c.repeatContact.withinDays) }));
    if (c.businessHours) out.push(t(`cond.businessHours.${c.businessHours.open !== false}`, { calendar: c.businessHours.calendarId }));
    return out.length ? out : [t('cond.every')];
  }

  const list = el('ol', { class: 'rule-list', id: 'rule-list', 'aria-labelledby': 'routing-title', 'aria-busy': 'true' }, el('li', { class: 'muted', text: t('loading') }));
  const result = el('div', { class: 'dry-run-result', id: 'dry-run-result', 'aria-live': 'polite' });
  const error = el('p', { class: 'error', id: 'dry-run-error', role: 'alert', hidden: true });
  const channel = el('select', { id: 'dry-channel', name: 'channel' }, CHANNELS.map((c) => el('option', { value: c, text: word('channel', c) })));
  const priority = el('select', { id: 'dry-priority', name: 'priority' }, TICKET_PRIORITIES.map((p) => el('option', { value: p, selected: p === 'normal', text: word('priority', p) })));
  const subject = el('input', { id: 'dry-subject', name: 'subject', maxlength: 500, autocomplete: 'off' });
  const body = el('textarea', { id: 'dry-body', name: 'body', rows: 5, maxlength: 20000, 'aria-required': 'true', 'aria-describedby': 'dry-run-error' });
  const tags = el('input', { id: 'dry-tags', name: 'tags', maxlength: 1000, autocomplete: 'off' });
  const run = el('button', { type: 'submit', class: 'primary', id: 'dry-run-submit', text: t('run') });
  let rules = [];

  async function dryRun(event) {
    event.preventDefault();
    error.hidden = true;
    if (!body.value.trim()) {
      error.textContent = t('bodyRequired');
      error.hidden = false;
      body.focus();
      return;
    }
    run.disabled = true;
    run.textContent = t('running');
    const request = {
      channel: channel.value,
      body: body.value,
      priority: priority.value,
      tags: [...new Set(tags.value.split(/[,，\s]+/).map((tag) => tag.trim().toLowerCase()).filter(Boolean))],
      ...(subject.value.trim() ? { subject: subject.value.trim() } : {}),
    };
    try {
      const { data } = await ctx.api('POST', '/v1/routing-rules/dry-run', { body: request });
      showResult(data);
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    } finally {
      run.disabled = false;
      run.textContent = t('run');
    }
  }

  function showResult(data) {
    const c = data.classification;
    const matched = data.rules.filter((r) => r.matched && r.reached).length;
    const parts = [
      el('h3', { text: t('result') }),
      el('p', { id: 'dry-classification', text: c ? t('classified', { type: word('type', c.type), confidence: percent(c.confidence) }) : t('unclassified') }),
      c ? el('p', { class: 'small', text: c.signals.length ? t('signals', { signals: c.signals.map((s) => word('signal', s.kind)).join(', ') }) : t('noSignals') }) : null,
      c?.needsReview ? el('p', { class: 'small', text: `? ${t('needsReview')}` }) : null,
      el('p', { id: 'dry-matched-count', text: t('matchedCount', { matched: fmt.number(matched), total: fmt.number(data.rules.length) }) }),
      el(
        'dl',
        { class: 'identities', id: 'dry-outcome' },
        el('dt', { text: t('result.team') }),
        el('dd', { text: data.result.teamId ? teamName(data.result.teamId) : t('nobody') }),
        el('dt', { text: t('result.assignee') }),
        el('dd', { text: data.result.assigneeId ? agentName(data.result.assigneeId) : t('nobody') }),
        el('dt', { text: t('result.priority') }),
        el('dd', { id: 'dry-priority-result', text: word('priority', data.result.priority) }),
        el('dt', { text: t('result.tags') }),
        el('dd', { text: data.result.tags.length ? data.result.tags.join(', ') : t('nobody') }),
      ),
      el('ol', { class: 'rule-list', id: 'dry-rules' }, data.rules.map(dryRule)),
    ];
    result.replaceChildren(...parts.filter(Boolean));
    result.querySelector('h3')?.setAttribute('tabindex', '-1');
    result.querySelector('h3')?.focus();
  }

  function dryRule(outcome) {
    const verdict = !outcome.reached ? ['no', t('ruleNotReached'), '–'] : outcome.matched ? ['yes', t('ruleMatched'), '✓'] : ['no', t('ruleNotMatched'), '✗'];
    return el(
      'li',
      { class: 'dry-rule', 'data-rule-id': outcome.id, 'data-matched': String(outcome.matched && outcome.reached) },
      el('h4', {}, el('span', { class: `verdict ${verdict[0]}`, text: `${verdict[2]} ${verdict[1]}` }), ' · ', outcome.name),
      el('p', { class: 'small muted', text: t('why') }),
      el('ul', { class: 'dry-reasons' }, reasonItems(outcome)),
      outcome.actions.length
        ? [
            el('p', { class: 'small muted', text: t('would') }),
            // Why an action was skipped is the server's fact ("the ticket already has a team"); an applied one says itself.
            el('ul', {}, outcome.actions.map((a) => el('li', { text: `${actionWords(a.action, a)} — ${t(a.outcome)}${a.outcome === 'skipped' ? ` (${a.reason})` : ''}` }))),
          ]
        : null,
    );
  }

  /**
   * Each condition with ✓ or ✗: in words when the rule's conditions pair with the server's reasons
   * (the matcher checks them in the order conditionWords lists them), with the fact it compared
   * ("type question in [complaint]") beside; the server's reason alone otherwise.
   */
  function reasonItems(outcome) {
    const rule = rules.find((r) => r.id === outcome.id);
    const phrases = rule ? conditionWords(rule.conditions ?? {}) : [];
    const paired = phrases.length === outcome.reasons.length;
    return outcome.reasons.map((reason, i) => {
      const held = reason.startsWith('✓');
      const fact = reason.replace(/^[✓✗]\s*/, '');
      return el(
        'li',
        { class: held ? 'reason-held' : 'reason-failed' },
        `${held ? '✓' : '✗'} ${paired ? phrases[i] : fact}`,
        paired ? el('span', { class: 'muted small fact', text: ` (${fact})` }) : null,
      );
    });
  }

  function ruleItem(rule) {
    return el(
      'li',
      { class: `rule${rule.active ? '' : ' inactive'}`, 'data-rule-id': rule.id },
      el('h3', {}, rule.name),
      el('p', { class: 'muted small', text: [t('position', { position: fmt.number(rule.position) }), rule.active ? null : t('inactive'), rule.stop ? t('stop') : null].filter(Boolean).join(' · ') }),
      el(
        'dl',
        {},
        el('dt', { text: t('when') }),
        el('dd', {}, el('ul', { class: 'rule-conditions' }, conditionWords(rule.conditions ?? {}).map((w) => el('li', { text: w })))),
        el('dt', { text: t('then') }),
        el('dd', {}, el('ul', { class: 'rule-actions' }, rule.actions.map((a) => el('li', { text: actionWords(a) })))),
      ),
    );
  }

  root.replaceChildren(
    el(
      'section',
      { class: 'routing-page', id: 'routing', 'data-locale': fmt.locale },
      el('div', {}, el('h1', { id: 'routing-title', tabindex: '-1', text: t('title') }), el('p', { class: 'muted', text: t('intro') }), el('p', { class: 'muted small', text: t('readOnly') })),
      el(
        'div',
        { class: 'routing-layout' },
        list,
        el(
          'form',
          { class: 'dry-run', id: 'dry-run', 'aria-labelledby': 'dry-run-title', onsubmit: (event) => void dryRun(event) },
          el('h2', { id: 'dry-run-title', text: t('dryRun') }),
          el('p', { class: 'muted small', text: t('dryRunIntro') }),
          el('div', { class: 'dry-run-row' }, el('div', {}, el('label', { for: 'dry-channel', text: t('channel') }), channel), el('div', {}, el('label', { for: 'dry-priority', text: t('priority') }), priority)),
          el('label', { for: 'dry-subject', text: t('subject') }),
          subject,
          el('label', { for: 'dry-body', text: t('body') }),
          body,
          error,
          el('label', { for: 'dry-tags', text: t('tags') }),
          tags,
          el('div', { class: 'dialog-actions' }, run),
          result,
        ),
      ),
    ),
  );

  try {
    rules = (await ctx.api('GET', '/v1/routing-rules')).data.data;
    list.replaceChildren(...(rules.length ? rules.map(ruleItem) : [el('li', { class: 'muted', text: t('none') })]));
  } catch (failure) {
    list.replaceChildren(el('li', { class: 'error', role: 'alert', text: t('failed', { message: failure.message }) }));
  }
  list.setAttribute('aria-busy', 'false');
  return null;
}
