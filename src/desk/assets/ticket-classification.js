// What the model read in the first message: the type with its confidence (and whether a person
// should check it), each type's score, sentiment, language and urgency signals; and the one-click
// correction: "it is a complaint" sets the ticket's type, which the API records as a correction
// of the model (kept apart from the model's answer, for retraining and accuracy reports). When the
// model was unsure and is right, "The type is right" confirms it: the ticket leaves the review list
// without a change (typeReviewedAt, set by a correction too).
import { TICKET_TYPES } from './constants.js';
import { el } from './dom.js';
import { icon } from './icons.js';
import { label, percent } from './format.js';
import { t } from './i18n.js';

export function ticketClassification(screen) {
  const node = el('div', { class: 'classification', id: 'classification' });
  return {
    node,
    render(ticket) {
      const model = ticket.classification;
      const corrected = Boolean(model && ticket.type && ticket.type !== model.type);
      const awaitingReview = Boolean(model?.needsReview && !ticket.typeReviewedAt);
      const parts = [];
      if (!model) {
        parts.push(el('p', { class: 'muted', text: t('classification.none') }));
      } else {
        parts.push(
          el(
            'p',
            { class: 'model-verdict' },
            t('classification.model', { type: label('type', model.type), confidence: percent(model.confidence) }),
            ' ',
            awaitingReview ? el('span', { class: 'badge review', id: 'needs-review', text: `? ${t('ticket.needsReview')}` }) : null,
          ),
          el(
            'ul',
            { class: 'scores', 'aria-label': t('classification.scores') },
            TICKET_TYPES.map((type) =>
              el(
                'li',
                {},
                el('span', { class: 'score-name', text: label('type', type) }),
                el('meter', { min: 0, max: 1, value: model.scores[type] ?? 0, 'aria-label': label('type', type) }),
                el('span', { class: 'score-value', text: percent(model.scores[type] ?? 0) }),
              ),
            ),
          ),
          el('p', { class: 'small muted' }, t('classification.details', { sentiment: label('sentiment', model.sentiment.label), language: label('language', model.language), version: model.modelVersion })),
          model.signals.length
            ? el(
                'ul',
                { class: 'signals', 'aria-label': t('classification.signals') },
                model.signals.map((s) => el('li', { class: 'badge signal', title: s.match }, icon('flag'), ` ${label('signal', s.kind)} `, el('q', { text: s.match }))),
              )
            : el('p', { class: 'small muted', text: t('classification.noSignals') }),
        );
      }
      parts.push(
        el(
          'p',
          { class: 'current-type', id: 'current-type' },
          t('classification.current', { type: ticket.type ? label('type', ticket.type) : '—' }),
          corrected ? ` (${t('classification.corrected')})` : ticket.typeReviewedAt && model ? ` (${t('classification.confirmed')})` : '',
        ),
        el(
          'div',
          { class: 'corrections', role: 'group', 'aria-label': t('classification.correct') },
          awaitingReview && ticket.type
            ? el('button', {
                type: 'button',
                class: 'ghost confirm-type',
                id: 'confirm-type',
                text: t('classification.confirm', { type: label('type', ticket.type) }),
                onclick: () => void screen.patch('confirmType', t('classification.confirmedDone', { type: label('type', ticket.type) })),
              })
            : null,
          TICKET_TYPES.filter((type) => type !== ticket.type).map((type) =>
            el('button', {
              type: 'button',
              class: 'ghost correction',
              'data-type': type,
              text: t('classification.itIs', { type: label('type', type) }),
              onclick: () => void screen.patch({ type }, t('classification.done', { type: label('type', type) })),
            }),
          ),
        ),
      );
      node.replaceChildren(...parts);
    },
  };
}
