// Macros (leads and admins): the list, and a form to create or edit one: a reply per language with
// the placeholders the server accepts (and help for them), whether it is a public reply or a note,
// the status, priority and tags it sets, the ticket types and team it suits; delete. Changes carry
// If-Match (the version read), so a colleague's edit made meanwhile is shown, never overwritten.
import { MACRO_LANGUAGES, MACRO_PLACEHOLDERS, MACRO_STATUSES, MESSAGE_VISIBILITIES, TICKET_PRIORITIES, TICKET_TYPES } from '../../constants.js';
import { idempotencyKey } from '../../api.js';
import { flash } from '../../flash.js';
import { store } from '../../state.js';
import { dataTable, el, linkStylesheet } from '../shared/dom.js';
import { translator } from '../shared/lookup.js';
import strings from './strings.js';

const splitTags = (text) => [...new Set(text.split(/[,，\s]+/).map((tag) => tag.trim().toLowerCase()).filter(Boolean))];

export async function mount(root, ctx) {
  await Promise.all([linkStylesheet(new URL('../shared/pages.css', import.meta.url).pathname), linkStylesheet(new URL('./macros.css', import.meta.url).pathname)]);
  const t = translator(strings, ctx.locale);
  const word = (kind, value) => {
    const text = ctx.t(`${kind}.${value}`);
    return text === `${kind}.${value}` ? String(value) : text;
  };
  const teamName = (id) => (id ? (store.teams.find((team) => team.id === id)?.name ?? id) : t('global'));

  const listBox = el('div', { class: 'table-scroll', id: 'macro-list', 'aria-busy': 'true' }, el('p', { class: 'muted', text: t('loading') }));
  const formBox = el('div', { id: 'macro-form-box' });
  let macros = [];

  root.replaceChildren(
    el(
      'section',
      { class: 'macros-page', id: 'macros', 'data-locale': ctx.locale },
      el('div', { class: 'macros-header' }, el('h1', { id: 'macros-title', tabindex: '-1', text: t('title') }), el('button', { type: 'button', class: 'primary', id: 'macro-new', text: t('new'), onclick: () => showForm(null) })),
      el('p', { class: 'muted', text: t('intro') }),
      listBox,
      formBox,
    ),
  );

  const actionsOf = (m) =>
    [
      m.status ? t('setsStatus', { value: word('status', m.status) }) : null,
      m.priority ? t('setsPriority', { value: word('priority', m.priority) }) : null,
      m.addTags.length ? t('addTagsList', { tags: m.addTags.join(', ') }) : null,
      m.removeTags.length ? t('removeTagsList', { tags: m.removeTags.join(', ') }) : null,
    ]
      .filter(Boolean)
      .join('; ') || t('nothingElse');

  const replyOf = (m) => {
    const language = MACRO_LANGUAGES.find((l) => m.reply?.[l]);
    return language ? el('span', { class: 'reply-text', lang: language, text: m.reply[language] }) : el('span', { class: 'muted', text: t('noReply') });
  };

  async function loadList() {
    listBox.setAttribute('aria-busy', 'true');
    try {
      const rows = [];
      let cursor = null;
      for (let page = 0; page < 5; page++) {
        const { data } = await ctx.api('GET', `/v1/macros?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        rows.push(...data.data);
        cursor = data.nextCursor;
        if (!cursor) break;
      }
      macros = rows;
      renderList();
    } catch (failure) {
      listBox.replaceChildren(el('p', { class: 'error', role: 'alert', text: t('failed', { message: failure.message }) }));
    }
    listBox.setAttribute('aria-busy', 'false');
  }

  function renderList() {
    if (!macros.length) return listBox.replaceChildren(el('p', { class: 'muted', id: 'macros-none', text: t('none') }));
    const table = dataTable({
      caption: t('title'),
      className: 'data-table macros-table',
      columns: [t('col.name'), t('col.team'), t('col.types'), t('col.reply'), t('col.actions'), t('col.active'), t('col.manage')],
      rows: macros.map((m) => [
        m.name,
        teamName(m.teamId),
        m.ticketTypes.length ? m.ticketTypes.map((type) => word('type', type)).join(', ') : t('anyType'),
        replyOf(m),
        actionsOf(m),
        m.active ? t('yes') : t('no'),
        el(
          'span',
          { class: 'manage' },
          el('button', { type: 'button', class: 'small-button', 'data-macro-id': m.id, 'data-action': 'edit', 'aria-label': `${t('edit')}: ${m.name}`, text: t('edit'), onclick: () => showForm(m) }),
          el('button', { type: 'button', class: 'small-button ghost', 'data-macro-id': m.id, 'data-action': 'delete', 'aria-label': `${t('delete')}: ${m.name}`, text: t('delete'), onclick: () => void remove(m) }),
        ),
      ]),
    });
    table.querySelectorAll('tbody tr').forEach((row, i) => row.setAttribute('data-macro-id', macros[i].id));
    listBox.replaceChildren(table);
  }

  async function remove(macro) {
    if (!confirm(t('confirmDelete', { name: macro.name }))) return;
    try {
      await ctx.api('DELETE', `/v1/macros/${encodeURIComponent(macro.id)}`);
      flash(t('deleted', { name: macro.name }), 'info');
      formBox.replaceChildren();
      await loadList();
    } catch (failure) {
      flash(failure.message);
    }
  }

  function showForm(macro) {
    const errors = el('div', { class: 'form-errors error', id: 'macro-errors', role: 'alert', hidden: true });
    const input = (id, value, props = {}) => el('input', { type: 'text', id, name: id, value: value ?? '', autocomplete: 'off', ...props });
    const name = input('macro-name', macro?.name, { maxlength: 100, required: true });
    const description = input('macro-description', macro?.description, { maxlength: 500 });
    const team = el('select', { id: 'macro-team', name: 'team' }, el('option', { value: '', text: t('global') }), store.teams.map((x) => el('option', { value: x.id, selected: x.id === macro?.teamId, text: x.name })));
    const types = TICKET_TYPES.map((type) => el('input', { type: 'checkbox', id: `macro-type-${type}`, value: type, checked: macro?.ticketTypes.includes(type) }));
    const visibilities = MESSAGE_VISIBILITIES.map((v) => el('input', { type: 'radio', name: 'macro-visibility', id: `macro-visibility-${v}`, value: v, checked: v === (macro?.visibility ?? 'public') }));
    const replies = Object.fromEntries(MACRO_LANGUAGES.map((l) => [l, el('textarea', { id: `macro-reply-${l}`, name: `reply-${l}`, rows: 4, maxlength: 10000, lang: l, 'aria-describedby': 'macro-reply-hint macro-placeholders' })]));
    for (const l of MACRO_LANGUAGES) replies[l].value = macro?.reply?.[l] ?? '';
    let lastReply = replies[MACRO_LANGUAGES[0]];
    for (const area of Object.values(replies)) area.addEventListener('focus', () => (lastReply = area));
    const choice = (id, values, current, kind) => el('select', { id, name: id }, el('option', { value: '', text: t('keep') }), values.map((v) => el('option', { value: v, selected: v === current, text: word(kind, v) })));
    const status = choice('macro-status', MACRO_STATUSES, macro?.status, 'status');
    const priority = choice('macro-priority', TICKET_PRIORITIES, macro?.priority, 'priority');
    const addTags = input('macro-add-tags', macro?.addTags.join(', '), { maxlength: 1000, 'aria-describedby': 'macro-tags-hint' });
    const removeTags = input('macro-remove-tags', macro?.removeTags.join(', '), { maxlength: 1000, 'aria-describedby': 'macro-tags-hint' });
    const active = el('input', { type: 'checkbox', id: 'macro-active', checked: macro ? macro.active : true });
    const save = el('button', { type: 'submit', class: 'primary', id: 'macro-save', text: t('save') });
    let key = idempotencyKey(); // one create per attempt: a retried request makes one macro

    // Inserts `{{name}}` where the cursor was in the reply last written in.
    const insert = (placeholder) => {
      const area = lastReply;
      const text = `{{${placeholder}}}`;
      const start = area.selectionStart ?? area.value.length;
      area.value = `${area.value.slice(0, start)}${text}${area.value.slice(area.selectionEnd ?? start)}`;
      area.focus();
      area.setSelectionRange(start + text.length, start + text.length);
    };

    const showErrors = (failure) => {
      const details = failure.problem?.errors ?? [];
      errors.replaceChildren(el('p', { text: failure.message }), details.length ? el('ul', {}, details.map((e) => el('li', { text: `${e.path}: ${e.message}` }))) : null);
      errors.hidden = false;
      errors.focus?.();
    };

    async function submit(event) {
      event.preventDefault();
      errors.hidden = true;
      const reply = Object.fromEntries(MACRO_LANGUAGES.filter((l) => replies[l].value.trim()).map((l) => [l, replies[l].value]));
      const body = {
        name: name.value.trim(),
        description: description.value.trim() || null,
        teamId: team.value || null,
        ticketTypes: types.filter((box) => box.checked).map((box) => box.value),
        reply: Object.keys(reply).length ? reply : null,
        visibility: visibilities.find((r) => r.checked)?.value ?? 'public',
        status: status.value || null,
        priority: priority.value || null,
        addTags: splitTags(addTags.value),
        removeTags: splitTags(removeTags.value),
        active: active.checked,
      };
      if (!body.reply && !body.status && !body.priority && !body.addTags.length && !body.removeTags.length) {
        errors.replaceChildren(el('p', { text: t('needsAction') }));
        errors.hidden = false;
        return;
      }
      save.disabled = true;
      try {
        const saved = macro
          ? (await ctx.api('PATCH', `/v1/macros/${encodeURIComponent(macro.id)}`, { body, headers: { 'if-match': `"${macro.version}"` } })).data
          : (await ctx.api('POST', '/v1/macros', { body, headers: { 'idempotency-key': key } })).data;
        flash(t('saved', { name: saved.name }), 'info');
        formBox.replaceChildren();
        await loadList();
        root.querySelector(`tr[data-macro-id="${saved.id}"] button[data-action=edit]`)?.focus();
      } catch (failure) {
        save.disabled = false;
        key = idempotencyKey(); // refused: the corrected form is another request
        if (failure.status === 412) {
          flash(t('conflict'));
          const latest = (await ctx.api('GET', `/v1/macros/${encodeURIComponent(macro.id)}`).catch(() => null))?.data;
          if (latest) showForm(latest);
        } else showErrors(failure);
      }
    }

    const block = (labelText, control, id = control.id) => el('div', { class: 'field-block' }, el('label', { for: id, text: labelText }), control);
    formBox.replaceChildren(
      el(
        'form',
        { class: 'macro-form', id: 'macro-form', 'aria-labelledby': 'macro-form-title', onsubmit: (event) => void submit(event) },
        el('h2', { id: 'macro-form-title', tabindex: '-1', text: macro ? t('formEdit', { name: macro.name }) : t('formNew') }),
        errors,
        block(t('name'), name),
        block(t('team'), team),
        el('div', { class: 'wide' }, block(t('description'), description)),
        el('fieldset', { class: 'wide' }, el('legend', { text: t('types') }), types.map((box) => el('label', { class: 'check' }, box, ` ${word('type', box.value)}`))),
        el('fieldset', { class: 'wide' }, el('legend', { text: t('visibility') }), visibilities.map((radio) => el('label', { class: 'check' }, radio, ` ${ctx.t(`reply.${radio.value}.choice`)}`))),
        el('p', { class: 'muted small wide', id: 'macro-reply-hint', text: t('replyHint') }),
        MACRO_LANGUAGES.map((l) => el('div', { class: 'wide' }, block(t(`reply.${l}`), replies[l]))),
        el(
          'div',
          { class: 'placeholder-help wide', id: 'macro-placeholders' },
          el('strong', { text: t('placeholders') }),
          el('p', { class: 'muted small', text: t('placeholdersHint') }),
          el(
            'dl',
            {},
            MACRO_PLACEHOLDERS.map((p) => [
              el('dt', {}, el('button', { type: 'button', class: 'small-button ghost', 'data-placeholder': p, 'aria-label': t('insert', { placeholder: `{{${p}}}` }), onclick: () => insert(p) }, el('code', { text: `{{${p}}}` }))),
              el('dd', { text: t(`placeholder.${p}`) }),
            ]),
          ),
        ),
        block(t('status'), status),
        block(t('priority'), priority),
        block(t('addTags'), addTags),
        block(t('removeTags'), removeTags),
        el('p', { class: 'muted small wide', id: 'macro-tags-hint', text: t('tagsHint') }),
        el('label', { class: 'check wide' }, active, ` ${t('active')}`),
        el('div', { class: 'dialog-actions wide' }, el('button', { type: 'button', class: 'ghost', text: t('cancel'), onclick: () => formBox.replaceChildren() }), save),
      ),
    );
    errors.setAttribute('tabindex', '-1');
    formBox.querySelector('#macro-form-title')?.focus();
    name.focus();
  }

  await loadList();
  return null;
}
