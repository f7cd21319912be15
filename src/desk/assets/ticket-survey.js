// The ticket's satisfaction survey: whether it was sent, the customer's rating and comment, and
// earlier answers. No survey yet (the ticket is not solved, or surveys are off) is a 404: said in words.
import { api } from './api.js';
import { el, fill } from './dom.js';
import { label, timeEl } from './format.js';
import { t } from './i18n.js';

/** ★★★★☆ with the number in words beside it (the stars are decoration to screen readers). */
export function stars(rating) {
  return el('span', { class: 'stars' }, el('span', { 'aria-hidden': 'true', text: '★'.repeat(rating) + '☆'.repeat(5 - rating) }), ' ', el('span', { class: 'rating-text', text: t('survey.rating', { rating }) }));
}

/** Whether a ticket can have a survey: one is scheduled when it is solved (so not asked for before: a 404). */
export const mayHaveSurvey = (ticket) => Boolean(ticket.solvedAt) || ['solved', 'closed'].includes(ticket.status);

/** The survey of a ticket, or null when it has none. */
export async function fetchSurvey(ticketId) {
  try {
    return (await api('GET', `/v1/tickets/${encodeURIComponent(ticketId)}/survey`)).data;
  } catch (error) {
    if (error.status === 404) return null;
    throw error;
  }
}

export function ticketSurvey() {
  const node = el('div', { class: 'survey', id: 'survey' });
  return {
    node,
    async load(ticket) {
      let survey = null;
      try {
        if (mayHaveSurvey(ticket)) survey = await fetchSurvey(ticket.id);
      } catch {
        node.replaceChildren(el('p', { class: 'muted', text: t('survey.unavailable') }));
        return;
      }
      if (!survey) {
        node.replaceChildren(el('p', { class: 'muted', text: t('survey.none') }));
        return;
      }
      fill(node,
        el('p', {}, el('span', { class: `badge survey-${survey.status}`, text: label('survey', survey.status) }), ' ', survey.sentAt ? [t('survey.sentAt'), ' ', timeEl(survey.sentAt)] : null),
        survey.rating ? el('p', { class: 'rating' }, stars(survey.rating)) : null,
        survey.comment ? el('blockquote', { class: 'comment', text: survey.comment }) : null,
        survey.reasons.length ? el('p', { class: 'small muted', text: survey.reasons.join(', ') }) : null,
        survey.history.length > 1
          ? el('details', {}, el('summary', { text: t('survey.history', { count: survey.history.length }) }), el('ul', {}, survey.history.map((h) => el('li', {}, stars(h.rating), ' ', timeEl(h.createdAt), h.comment ? ` — ${h.comment}` : ''))))
          : null,
      );
    },
  };
}
