// Live SLA countdowns. One ticker for the whole page updates every countdown shown, each second;
// a countdown says its state three ways: the words ("12 min left", "5 min overdue", "met"), an
// icon with a label (clock, warning, breached, check, pause) and a colour. Nothing is told by colour alone.
import { el } from './dom.js';
import { label } from './format.js';
import { formatDate, formatDuration, locale, onLocaleChange, t } from './i18n.js';
import { icon } from './icons.js';

const ICONS = { ok: 'clock', warning: 'warning', breached: 'breached', achieved: 'check', paused: 'pause' };
// States whose words need no clock.
const SETTLED = { achieved: 'sla.met', paused: 'sla.pausedState' };
const live = new Set();
let ticker = 0;

/** Where a target stands at `now`: ok | warning | breached | achieved | paused. */
export function slaState(target, now = Date.now()) {
  // Met, missed and paused targets are what they say; a running one depends on the clock.
  if (target.status !== 'active') return target.status;
  if (target.dueAt && Date.parse(target.dueAt) <= now) return 'breached';
  if (target.warnAt && Date.parse(target.warnAt) <= now) return 'warning';
  return 'ok';
}

/** The running target due first, else a breached one, else null: what a queue row shows. */
export function mostPressing(sla) {
  const running = sla.filter((s) => s.status === 'active' && s.dueAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return running[0] ?? sla.find((s) => s.status === 'breached') ?? null;
}

function words(target, state, now) {
  if (SETTLED[state]) return t(SETTLED[state]);
  if (target.status === 'breached' && target.breachedAt) return t('sla.breachedAgo', { duration: formatDuration(now - Date.parse(target.breachedAt)) });
  if (!target.dueAt) return t('sla.noDeadline');
  const left = Date.parse(target.dueAt) - now;
  return left > 0 ? t('sla.left', { duration: formatDuration(left) }) : t('sla.overdue', { duration: formatDuration(left) });
}

function paint(entry, now = Date.now()) {
  const { node, target, withMetric } = entry;
  const state = slaState(target, now);
  node.className = `countdown sla-${state}`;
  node.dataset.state = state;
  if (entry.state !== state || entry.locale !== locale()) {
    const next = icon(ICONS[state], t(`sla.state.${state}`));
    entry.icon.replaceWith(next);
    entry.icon = next;
    entry.state = state;
    entry.locale = locale();
  }
  entry.text.textContent = `${withMetric ? `${label('metric', target.metric)} · ` : ''}${words(target, state, now)}`;
  if (target.dueAt) node.title = t('sla.dueAt', { time: formatDate(target.dueAt) });
}

function tick() {
  const now = Date.now();
  for (const entry of live) {
    if (!entry.node.isConnected) live.delete(entry);
    else paint(entry, now);
  }
  if (live.size === 0) {
    clearInterval(ticker);
    ticker = 0;
  }
}

/** A countdown for one SLA target; it keeps itself current while it is on the page. */
export function countdown(target, { withMetric = false } = {}) {
  const placeholder = el('span');
  const text = el('span', { class: 'words' });
  const node = el('span', { class: 'countdown', 'data-metric': target.metric }, placeholder, text);
  const entry = { node, target, withMetric, icon: placeholder, text, state: null, locale: null };
  paint(entry);
  // Running targets count down; missed ones say how long ago ("missed 5 min ago"): both tick.
  if (!SETTLED[slaState(target)]) {
    live.add(entry);
    if (!ticker) ticker = setInterval(tick, 1000);
  }
  return node;
}

onLocaleChange(() => tick());
