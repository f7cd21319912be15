// The helpdesk: vanilla JS, no framework, no build step. Every value from the API reaches the page
// through el() below, which only ever creates elements and text nodes (never parses HTML).

const WORDS = {
  on_hold: 'on hold',
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
  api_key: 'API key',
};
const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const TYPES = ['question', 'complaint', 'suggestion'];
const STATUS_FILTERS = [
  ['active', 'Active (new, open, pending, on hold)', 'new,open,pending,on_hold'],
  ...STATUSES.map((s) => [s, label(s), s]),
  ['all', 'All statuses', ''],
];

function label(value) {
  return value == null ? '—' : (WORDS[value] ?? String(value));
}

const app = document.getElementById('app');
const topbar = document.getElementById('topbar');
const flashBox = document.getElementById('flash');
const queueState = { sort: 'due', status: 'active' };
let me = null;
let agentNames = new Map();

// ---------------------------------------------------------------- DOM and API helpers

/** Creates an element; strings become text nodes, so data can never become markup. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'value') node.value = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function select(name, options, current, props = {}) {
  return el(
    'select',
    { name, id: name, ...props },
    options.map(([value, text]) => el('option', { value, selected: value === current, text })),
  );
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** fetch with the desk's CSRF header; errors become ApiError with the problem's `detail`. */
async function api(method, path, { body, headers = {}, quiet = false } = {}) {
  const init = { method, credentials: 'same-origin', headers: { accept: 'application/json', 'x-requested-with': 'desk', ...headers } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { detail: 'The server cannot be reached. Check your connection and try again.' });
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401 && !quiet) {
      me = null;
      showSignIn('Your session has ended. Please sign in again.');
      error.handled = true;
    }
    throw error;
  }
  return { data, etag: response.headers.get('etag') };
}

let flashTimer = 0;
function flash(message, kind = 'error') {
  flashBox.textContent = message;
  flashBox.className = `flash ${kind}`;
  flashBox.hidden = false;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => (flashBox.hidden = true), kind === 'error' ? 10_000 : 4_000);
}

function report(error) {
  if (error?.handled) return;
  flash(error instanceof Error ? error.message : String(error));
}

function fmtTime(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

function relative(iso) {
  const diff = new Date(iso).getTime() - Date.now();
  const minutes = Math.round(Math.abs(diff) / 60_000);
  const text = minutes < 1 ? 'under a minute' : minutes < 60 ? `${minutes}m` : minutes < 48 * 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}m` : `${Math.round(minutes / 1440)}d`;
  return diff >= 0 ? `in ${text}` : `${text} overdue`;
}

function timeEl(iso, text) {
  return el('time', { datetime: iso, title: fmtTime(iso), text: text ?? fmtTime(iso) });
}

function navigate(hash) {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

// ---------------------------------------------------------------- screens

async function route() {
  flashBox.hidden = true;
  if (!me) return showSignIn();
  const match = /^#\/tickets\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
  if (match) return showTicket(match[1]);
  return showQueue();
}

function showChrome() {
  topbar.hidden = false;
  document.getElementById('me').textContent = me ? `${me.name} · ${label(me.role)}` : '';
}

function showSignIn(message) {
  topbar.hidden = true;
  document.title = 'Sign in · Helpdesk';
  const email = el('input', { type: 'email', name: 'email', id: 'email', autocomplete: 'username', required: true, maxlength: 320 });
  const password = el('input', { type: 'password', name: 'password', id: 'password', autocomplete: 'current-password', required: true, maxlength: 200 });
  const error = el('p', { class: 'error', role: 'alert', hidden: !message, text: message ?? '' });
  const button = el('button', { type: 'submit', class: 'primary', text: 'Sign in' });
  const form = el(
    'form',
    {
      class: 'card sign-in',
      id: 'sign-in',
      onsubmit: async (event) => {
        event.preventDefault();
        button.disabled = true;
        error.hidden = true;
        try {
          const { data } = await api('POST', '/v1/sessions', { body: { email: email.value, password: password.value }, quiet: true });
          me = data.agent;
          password.value = '';
          void loadAgentNames();
          navigate(location.hash.startsWith('#/tickets/') ? location.hash : '#/');
        } catch (e) {
          error.textContent = e.status === 429 ? 'Too many attempts. Wait a minute and try again.' : e.message;
          error.hidden = false;
          button.disabled = false;
          password.focus();
        }
      },
    },
    el('h1', {}, 'Helpdesk ', el('span', { class: 'zh', text: '客服工作台' })),
    el('p', { class: 'muted', text: 'Sign in with your agent account.' }),
    error,
    el('label', { for: 'email', text: 'Email' }),
    email,
    el('label', { for: 'password', text: 'Password' }),
    password,
    button,
  );
  app.replaceChildren(form);
  email.focus();
}

async function loadAgentNames() {
  try {
    const { data } = await api('GET', '/v1/agents?limit=200', { quiet: true });
    agentNames = new Map(data.data.map((a) => [a.id, a.name]));
  } catch {
    // names are a nicety; ids are shown instead
  }
}

function agentName(id) {
  if (!id) return 'Agent';
  if (me && id === me.id) return `${me.name} (you)`;
  return agentNames.get(id) ?? id;
}

// ---- the queue

function slaSummary(sla) {
  const breached = sla.filter((t) => t.status === 'breached');
  const running = sla.filter((t) => t.status === 'active' && t.dueAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const next = running[0];
  const box = el('span', { class: 'sla' });
  if (breached.length > 0) {
    box.append(el('span', { class: 'badge breached', title: `Breached: ${breached.map((t) => label(t.metric)).join(', ')}`, text: '⚠ breached' }));
  }
  if (next) {
    const overdue = new Date(next.dueAt).getTime() < Date.now();
    box.append(el('span', { class: overdue ? 'due overdue' : 'due' }, `${label(next.metric)} `, timeEl(next.dueAt, relative(next.dueAt))));
  } else if (breached.length === 0) {
    box.append(el('span', { class: 'muted', text: sla.some((t) => t.status === 'paused') ? 'SLA paused' : 'no running SLA' }));
  }
  return box;
}

function badge(kind, value) {
  return el('span', { class: `badge ${kind}-${value ?? 'none'}`, title: kind, text: label(value) });
}

function ticketRow(ticket) {
  return el(
    'li',
    {},
    el(
      'a',
      { class: 'row', href: `#/tickets/${ticket.id}`, 'data-ticket-id': ticket.id },
      el('span', { class: 'number', text: `#${ticket.number}` }),
      el('span', { class: 'subject', text: ticket.subject }),
      el('span', { class: 'badges' }, badge('status', ticket.status), badge('type', ticket.type), badge('priority', ticket.priority), el('span', { class: 'channel', text: ticket.channel })),
      slaSummary(ticket.sla),
    ),
  );
}

async function showQueue() {
  showChrome();
  document.title = 'Queue · Helpdesk';
  const list = el('ol', { class: 'queue', id: 'queue' });
  const more = el('button', { type: 'button', class: 'ghost more', hidden: true, text: 'Load more' });
  const hint = el('p', { class: 'muted small' });
  let cursor = null;

  async function load(reset) {
    const params = new URLSearchParams({ limit: '50', sort: queueState.sort });
    const statuses = STATUS_FILTERS.find(([key]) => key === queueState.status)?.[2];
    if (statuses) params.set('status', statuses);
    if (!reset && cursor) params.set('cursor', cursor);
    hint.textContent = queueState.sort === 'due' ? 'Most urgent first: tickets with a running SLA deadline.' : 'Newest first.';
    try {
      const { data } = await api('GET', `/v1/tickets?${params}`);
      if (reset) list.replaceChildren();
      for (const ticket of data.data) list.append(ticketRow(ticket));
      if (reset && data.data.length === 0) list.append(el('li', { class: 'empty', text: 'No tickets here.' }));
      cursor = data.nextCursor;
      more.hidden = !cursor;
    } catch (error) {
      report(error);
    }
  }

  const sort = select('sort', [['due', 'Most urgent'], ['created', 'Newest']], queueState.sort, {
    onchange: (e) => {
      queueState.sort = e.target.value;
      void load(true);
    },
  });
  const status = select('status', STATUS_FILTERS.map(([key, text]) => [key, text]), queueState.status, {
    onchange: (e) => {
      queueState.status = e.target.value;
      void load(true);
    },
  });
  more.addEventListener('click', () => void load(false));
  app.replaceChildren(
    el(
      'section',
      { class: 'queue-view' },
      el(
        'div',
        { class: 'toolbar' },
        el('h1', { text: 'Queue' }),
        el('label', { class: 'inline' }, 'Sort ', sort),
        el('label', { class: 'inline' }, 'Status ', status),
        el('button', { type: 'button', class: 'ghost', text: 'Refresh', onclick: () => void load(true) }),
      ),
      hint,
      list,
      more,
    ),
  );
  await load(true);
}

// ---- one ticket

function summarise(event) {
  const data = event.data ?? {};
  if (data.changes && typeof data.changes === 'object') {
    return Object.entries(data.changes)
      .map(([field, change]) => (change && typeof change === 'object' && 'to' in change ? `${field}: ${label(change.from)} → ${label(change.to)}` : field))
      .join(', ');
  }
  if (data.message && typeof data.message === 'object') {
    const m = data.message;
    return [m.author, m.visibility === 'internal' ? 'internal note' : null].filter(Boolean).join(', ');
  }
  if (typeof data.metric === 'string') return label(data.metric);
  if (data.classification && typeof data.classification === 'object') return label(data.classification.type);
  return '';
}

function messageItem(message) {
  const internal = message.visibility === 'internal';
  const who = message.author === 'agent' ? agentName(message.agentId) : message.author === 'customer' ? 'Customer' : 'System';
  return el(
    'li',
    { class: `message author-${message.author}${internal ? ' internal' : ''}`, 'data-message-id': message.id },
    el(
      'div',
      { class: 'message-head' },
      el('strong', { text: who }),
      internal ? el('span', { class: 'badge note', text: 'Internal note' }) : null,
      message.channel ? el('span', { class: 'muted', text: message.channel }) : null,
      timeEl(message.createdAt),
    ),
    el('div', { class: 'message-body', text: message.body }),
  );
}

async function fetchAll(path, pages = 5) {
  const rows = [];
  let cursor = null;
  for (let i = 0; i < pages; i++) {
    const { data } = await api('GET', `${path}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    rows.push(...data.data);
    cursor = data.nextCursor;
    if (!cursor) break;
  }
  return rows;
}

async function showTicket(id) {
  showChrome();
  const back = el('a', { href: '#/', class: 'back', text: '← Queue' });
  app.replaceChildren(back, el('p', { class: 'muted', text: 'Loading…' }));
  let ticket;
  try {
    ticket = (await api('GET', `/v1/tickets/${encodeURIComponent(id)}`)).data;
  } catch (error) {
    if (!error.handled) app.replaceChildren(back, el('p', { class: 'error', role: 'alert', text: error.message }));
    return;
  }

  const title = el('h1', { id: 'ticket-title' });
  const meta = el('p', { class: 'muted meta' });
  const slaBox = el('ul', { class: 'sla-list' });
  const fields = el('div', { class: 'fields' });
  const conversation = el('ol', { class: 'conversation', id: 'conversation' });
  const timeline = el('ol', { class: 'timeline', id: 'timeline' });

  function renderTicket() {
    document.title = `#${ticket.number} · Helpdesk`;
    title.replaceChildren(el('span', { class: 'number', text: `#${ticket.number}` }), ' ', ticket.subject);
    meta.replaceChildren(
      'Customer ',
      el('code', { id: 'customer-id', text: ticket.customerId }),
      ` · ${ticket.channel} · opened `,
      timeEl(ticket.createdAt),
      ticket.assigneeId ? ` · assigned to ${agentName(ticket.assigneeId)}` : ' · unassigned',
    );
    slaBox.replaceChildren(
      ...(ticket.sla.length === 0
        ? [el('li', { class: 'muted', text: 'No SLA targets.' })]
        : ticket.sla.map((t) =>
            el(
              'li',
              { class: `sla-${t.status}`, 'data-metric': t.metric },
              el('strong', { text: label(t.metric) }),
              ' ',
              el('span', { class: `badge sla-status-${t.status}`, text: t.status }),
              ' ',
              t.status === 'achieved' && t.achievedAt
                ? ['at ', timeEl(t.achievedAt)]
                : t.status === 'breached' && t.breachedAt
                  ? ['at ', timeEl(t.breachedAt)]
                  : t.dueAt
                    ? ['due ', timeEl(t.dueAt), ` (${relative(t.dueAt)})`]
                    : '',
            ),
          )),
    );
    fields.replaceChildren(
      field('status', 'Status', STATUSES, ticket.status),
      field('priority', 'Priority', PRIORITIES, ticket.priority),
      field('type', 'Type', TYPES, ticket.type),
    );
  }

  function field(name, text, values, current) {
    const options = values.map((v) => [v, label(v)]);
    if (current === null) options.unshift(['', '—']);
    const control = select(`ticket-${name}`, options, current ?? '', {
      onchange: async () => {
        control.disabled = true;
        try {
          const { data } = await api('PATCH', `/v1/tickets/${ticket.id}`, { body: { [name]: control.value }, headers: { 'if-match': `"${ticket.version}"` } });
          ticket = data;
          flash(`${text} changed to ${label(control.value)}.`, 'info');
          void loadTimeline();
        } catch (error) {
          if (error.status === 412) {
            flash('Someone else changed this ticket while you were looking at it. The latest version is shown now; check it and make your change again.');
            try {
              ticket = (await api('GET', `/v1/tickets/${ticket.id}`)).data;
            } catch (e) {
              report(e);
            }
          } else {
            report(error);
          }
        }
        renderTicket();
      },
    });
    return el('label', { class: 'field' }, el('span', { text }), control);
  }

  async function loadConversation() {
    try {
      const rows = await fetchAll(`/v1/tickets/${ticket.id}/messages`);
      conversation.replaceChildren(...(rows.length ? rows.map(messageItem) : [el('li', { class: 'muted', text: 'No messages yet.' })]));
    } catch (error) {
      report(error);
    }
  }

  async function loadTimeline() {
    try {
      const rows = await fetchAll(`/v1/tickets/${ticket.id}/events`, 2);
      timeline.replaceChildren(
        ...rows.map((event) =>
          el(
            'li',
            {},
            timeEl(event.createdAt),
            ' ',
            el('strong', { text: event.type }),
            ' ',
            el('span', { class: 'muted', text: `by ${event.actor.type === 'agent' ? agentName(event.actor.id) : label(event.actor.type)}` }),
            summarise(event) ? el('div', { class: 'small', text: summarise(event) }) : null,
          ),
        ),
      );
    } catch (error) {
      report(error);
    }
  }

  // The reply box
  const body = el('textarea', { name: 'body', id: 'reply-body', required: true, maxlength: 100000, rows: 4, placeholder: 'Write a reply to the customer…' });
  const publicRadio = el('input', { type: 'radio', name: 'visibility', value: 'public', id: 'visibility-public', checked: true });
  const internalRadio = el('input', { type: 'radio', name: 'visibility', value: 'internal', id: 'visibility-internal' });
  const send = el('button', { type: 'submit', class: 'primary', id: 'send-reply', text: 'Send reply' });
  const replyForm = el(
    'form',
    {
      class: 'reply',
      id: 'reply',
      onsubmit: async (event) => {
        event.preventDefault();
        if (!body.value.trim()) return;
        send.disabled = true;
        const visibility = internalRadio.checked ? 'internal' : 'public';
        try {
          const { data } = await api('POST', `/v1/tickets/${ticket.id}/messages`, {
            body: { author: 'agent', visibility, body: body.value },
            headers: { 'idempotency-key': randomKey() },
          });
          ticket = data.ticket;
          body.value = '';
          renderTicket();
          flash(visibility === 'internal' ? 'Note added.' : 'Reply sent.', 'info');
          await Promise.all([loadConversation(), loadTimeline()]);
        } catch (error) {
          report(error);
        } finally {
          send.disabled = false;
        }
      },
    },
    el('div', { class: 'reply-kind', role: 'radiogroup', 'aria-label': 'Reply kind' },
      el('label', {}, publicRadio, ' Public reply'),
      el('label', {}, internalRadio, ' Internal note'),
    ),
    body,
    send,
  );
  const setKind = () => {
    const internal = internalRadio.checked;
    replyForm.classList.toggle('internal', internal);
    send.textContent = internal ? 'Add note' : 'Send reply';
    body.placeholder = internal ? 'A note only agents can see…' : 'Write a reply to the customer…';
  };
  publicRadio.addEventListener('change', setKind);
  internalRadio.addEventListener('change', setKind);

  renderTicket();
  app.replaceChildren(
    el(
      'article',
      { class: 'ticket-view', 'data-ticket-id': ticket.id },
      back,
      title,
      meta,
      el('div', { class: 'layout' },
        el('div', { class: 'main-col' },
          el('h2', { text: 'Conversation' }),
          conversation,
          replyForm,
        ),
        el('aside', { class: 'side-col' },
          el('section', { class: 'card' }, el('h2', { text: 'Properties' }), fields),
          el('section', { class: 'card' }, el('h2', { text: 'SLA' }), slaBox),
          el('section', { class: 'card' }, el('h2', { text: 'Timeline' }), timeline),
        ),
      ),
    ),
  );
  await Promise.all([loadConversation(), loadTimeline()]);
}

// ---------------------------------------------------------------- start

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await api('DELETE', '/v1/sessions/current', { quiet: true });
  } catch (error) {
    report(error);
    return;
  }
  me = null;
  agentNames = new Map();
  location.hash = '';
  showSignIn('You have signed out.');
});

window.addEventListener('hashchange', () => void route());

(async () => {
  try {
    me = (await api('GET', '/v1/sessions/current', { quiet: true })).data.agent;
    void loadAgentNames();
  } catch {
    me = null;
  }
  await route();
})();
