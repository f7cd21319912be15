// A suggestion's or complaint's published outcome (反馈结果公示): the note the public feed shows
// (GET /v1/public/outcomes) and, for leads and admins (outcomes:write), the form to publish,
// rewrite or withdraw it. The rules are said beside the form; the server is the judge of personal
// data (422 outcomes.personal_data) and its message is shown where the note is written.
import { api } from './api.js';
import { OUTCOME_ROLES, OUTCOME_TYPES } from './constants.js';
import { el, fill } from './dom.js';
import { flash, report } from './flash.js';
import { fmtTime } from './format.js';
import { t } from './i18n.js';
import { store } from './state.js';

export function ticketOutcome(screen) {
  const body = el('div', { class: 'outcome', id: 'outcome' });
  const node = el('section', { class: 'card', 'aria-labelledby': 'h-outcome' }, el('h2', { id: 'h-outcome', text: t('outcome.title') }), body);
  const canWrite = () => OUTCOME_ROLES.includes(store.agent?.role);
  const applies = (ticket) => OUTCOME_TYPES.includes(ticket.type);
  let current = null; // the published outcome, or null
  let loadedFor = null;

  async function load() {
    const { ticket } = screen;
    loadedFor = ticket.id;
    node.hidden = !applies(ticket);
    if (node.hidden) return;
    try {
      current = (await api('GET', `/v1/tickets/${ticket.id}/outcome`)).data;
    } catch (error) {
      if (error.status !== 404) return fill(body, el('p', { class: 'muted', text: error.message }));
      current = null; // none published yet
    }
    render();
  }

  function render() {
    const published = current
      ? el(
          'div',
          { class: 'outcome-published', id: 'outcome-published' },
          el('p', {}, el('span', { class: 'badge status-open', text: t('outcome.isPublished') }), ' ', el('span', { class: 'muted small', text: t('outcome.publishedAt', { date: fmtTime(current.updatedAt) }) })),
          el('blockquote', { class: 'comment', id: 'outcome-note', text: current.note }),
          current.topic || current.tags.length ? el('p', { class: 'muted small', text: [current.topic, ...current.tags.map((tag) => `#${tag}`)].filter(Boolean).join(' · ') }) : null,
        )
      : el('p', { class: 'muted', id: 'outcome-none', text: t('outcome.none') });
    fill(body, published, canWrite() ? form() : null);
  }

  function form() {
    const error = el('p', { class: 'error', id: 'outcome-error', role: 'alert', hidden: true });
    const note = el('textarea', { id: 'outcome-note-input', name: 'note', rows: 3, maxlength: 1000, required: true, 'aria-describedby': 'outcome-rules outcome-error' });
    note.value = current?.note ?? '';
    const topic = el('input', { id: 'outcome-topic', name: 'topic', maxlength: 100, autocomplete: 'off', value: current?.topic ?? '' });
    const tags = el('input', { id: 'outcome-tags', name: 'tags', maxlength: 500, autocomplete: 'off', value: (current?.tags ?? []).join(', '), 'aria-describedby': 'outcome-tags-hint' });
    const publish = el('button', { type: 'submit', class: 'primary', id: 'outcome-publish', text: t(current ? 'outcome.update' : 'outcome.publish') });
    const showError = (message) => {
      error.textContent = message;
      error.hidden = !message;
      note.setAttribute('aria-invalid', message ? 'true' : 'false');
      if (message) note.focus();
    };
    const submit = async (event) => {
      event.preventDefault();
      if (!note.value.trim()) return showError(t('outcome.noteRequired'));
      publish.disabled = true;
      const chosenTags = [...new Set(tags.value.split(/[,，\s]+/).map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
      try {
        current = (await api('PUT', `/v1/tickets/${screen.ticket.id}/outcome`, { body: { note: note.value, topic: topic.value.trim() || null, tags: chosenTags } })).data;
        flash(t('outcome.done'), 'info');
        render();
        void screen.refreshActivity();
      } catch (failure) {
        publish.disabled = false;
        if (failure.status === 422 || failure.status === 400) showError(failure.message);
        else report(failure);
      }
    };
    const withdraw = async () => {
      if (!confirm(t('outcome.confirmWithdraw'))) return;
      try {
        await api('DELETE', `/v1/tickets/${screen.ticket.id}/outcome`);
        current = null;
        flash(t('outcome.withdrawn'), 'info');
        render();
        void screen.refreshActivity();
      } catch (failure) {
        report(failure);
      }
    };
    return el(
      'form',
      { class: 'outcome-form', id: 'outcome-form', onsubmit: submit },
      el('p', { class: 'muted small', id: 'outcome-rules', text: t('outcome.rules') }),
      el('label', { for: 'outcome-note-input', text: t('outcome.note') }),
      note,
      error,
      el('label', { for: 'outcome-topic', text: t('outcome.topic') }),
      topic,
      el('label', { for: 'outcome-tags', text: t('outcome.tags') }),
      tags,
      el('span', { class: 'muted small', id: 'outcome-tags-hint', text: t('outcome.tagsHint') }),
      el('div', { class: 'dialog-actions' }, current ? el('button', { type: 'button', class: 'ghost', id: 'outcome-withdraw', text: t('outcome.withdraw'), onclick: () => void withdraw() }) : null, publish),
    );
  }

  return {
    node,
    load,
    /** A new version: a type changed to or from suggestion/complaint shows or hides the section. */
    render(ticket) {
      const show = applies(ticket);
      if (show && node.hidden && loadedFor !== null) void load();
      node.hidden = !show;
    },
  };
}
