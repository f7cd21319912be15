// Suggested answers, read once when the ticket opens (GET …/suggestions records them as shown):
// solved tickets that asked the same, with their public replies, and macros that fit, best first.
// "Use" puts an answer's reply into the reply box (the agent still reads and sends it) and records
// the use; a macro is applied (the server records that use itself).
import { api } from './api.js';
import { el, fill } from './dom.js';
import { flash, report } from './flash.js';
import { fmtTime } from './format.js';
import { t } from './i18n.js';
import { macroActionWords } from './macro-preview.js';
import { applyMacro } from './ticket-macros.js';
import { ticketPath } from './paths.js';

export function ticketSuggestions(screen, reply) {
  const node = el('div', { class: 'suggestions', id: 'suggestions', 'aria-live': 'polite' }, el('p', { class: 'muted', text: t('common.loading') }));

  async function recordUse(suggestion) {
    try {
      await api('POST', `/v1/tickets/${screen.ticket.id}/suggestions/${encodeURIComponent(suggestion.id)}/used`);
    } catch (error) {
      report(error);
    }
  }

  function answerItem(suggestion) {
    const { answer } = suggestion;
    const text = answer.replies.join('\n\n');
    const use = el('button', {
      type: 'button',
      class: 'small-button use-suggestion',
      'data-suggestion-id': suggestion.id,
      text: t('suggestions.use'),
      'aria-describedby': `suggestion-${suggestion.id}-title`,
      onclick: async () => {
        reply.setText(text);
        flash(t('suggestions.inReplyBox'), 'info');
        use.disabled = true;
        use.textContent = t('suggestions.used');
        await recordUse(suggestion);
      },
    });
    return el(
      'li',
      { class: 'suggestion', 'data-kind': 'answer', 'data-suggestion-id': suggestion.id },
      el(
        'div',
        { class: 'suggestion-head' },
        el('span', { class: 'badge', text: t('suggestions.kind.answer') }),
        el('a', { href: ticketPath(answer.ticketId), id: `suggestion-${suggestion.id}-title`, text: `#${answer.ticketNumber} ${answer.subject}` }),
      ),
      el('p', { class: 'muted small', text: t('suggestions.solved', { date: fmtTime(answer.solvedAt), count: answer.similarTickets }) }),
      answer.replies.length ? el('blockquote', { class: 'suggestion-reply', text: text }) : el('p', { class: 'muted', text: t('suggestions.noReplies') }),
      answer.replies.length ? el('div', { class: 'suggestion-actions' }, use) : null,
    );
  }

  function macroItem(suggestion) {
    const { macro } = suggestion;
    const actions = macroActionWords(macro);
    const apply = el('button', {
      type: 'button',
      class: 'small-button use-suggestion',
      'data-suggestion-id': suggestion.id,
      text: t('suggestions.applyMacro'),
      'aria-describedby': `suggestion-${suggestion.id}-title`,
      onclick: async () => {
        apply.disabled = true;
        if (!(await applyMacro(screen, macro, { language: macro.language }))) apply.disabled = false;
        else apply.textContent = t('suggestions.used');
      },
    });
    return el(
      'li',
      { class: 'suggestion', 'data-kind': 'macro', 'data-suggestion-id': suggestion.id },
      el('div', { class: 'suggestion-head' }, el('span', { class: 'badge', text: t('suggestions.kind.macro') }), el('strong', { id: `suggestion-${suggestion.id}-title`, text: macro.name })),
      macro.reply ? el('blockquote', { class: 'suggestion-reply', text: macro.reply }) : null,
      actions.length ? el('p', { class: 'muted small', text: `${t('macros.alsoDoes')}: ${actions.join(t('timeline.and'))}` }) : null,
      el('div', { class: 'suggestion-actions' }, apply),
    );
  }

  return {
    node,
    async load() {
      try {
        const { data } = await api('GET', `/v1/tickets/${screen.ticket.id}/suggestions`);
        if (!data.data.length) return fill(node, el('p', { class: 'muted', id: 'suggestions-none', text: t('suggestions.none') }));
        fill(node, el('ol', { class: 'suggestion-list' }, data.data.map((s) => (s.kind === 'macro' && s.macro ? macroItem(s) : s.answer ? answerItem(s) : null))));
      } catch (error) {
        fill(node, el('p', { class: 'muted', text: error.status === 403 ? t('suggestions.forbidden') : t('suggestions.failed') }));
      }
    },
  };
}
