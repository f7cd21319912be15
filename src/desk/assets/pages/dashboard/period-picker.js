// The period and time zone the viewer reads the dashboard in. Changing a preset or the zone
// reloads at once; custom dates wait for "Show" (two inputs half filled are not a period).
import { el } from '../shared/dom.js';
import { localDate, PRESETS, timeZoneChoices } from './period.js';

/** `choice` is `{ preset, timeZone, customFrom, customTo }`; `onChange(choice)` gets the new one. */
export function periodPicker({ choice, browserZone, t, onChange }) {
  const preset = el(
    'select',
    { id: 'dash-preset', name: 'preset' },
    PRESETS.map((p) => el('option', { value: p, selected: p === choice.preset, text: t(`preset.${p}`) })),
  );
  const zone = el(
    'select',
    { id: 'dash-zone', name: 'timeZone' },
    timeZoneChoices(browserZone).map((z) => el('option', { value: z, selected: z === choice.timeZone, text: z === browserZone ? t('browserZone', { zone: z }) : z })),
  );
  const today = localDate(new Date(), choice.timeZone);
  const from = el('input', { type: 'date', id: 'dash-from', name: 'from', value: choice.customFrom ?? today, max: today, required: true });
  const to = el('input', { type: 'date', id: 'dash-to', name: 'to', value: choice.customTo ?? today, max: today, required: true });
  const custom = el(
    'span',
    { class: 'custom-dates', hidden: choice.preset !== 'custom' },
    el('label', { class: 'inline', for: 'dash-from' }, t('from'), from),
    el('label', { class: 'inline', for: 'dash-to' }, t('to'), to),
    el('button', { type: 'submit', class: 'primary', text: t('apply') }),
  );
  const current = () => ({ preset: preset.value, timeZone: zone.value, customFrom: from.value, customTo: to.value });
  preset.addEventListener('change', () => {
    custom.hidden = preset.value !== 'custom';
    if (preset.value === 'custom') from.focus();
    else onChange(current());
  });
  zone.addEventListener('change', () => {
    if (preset.value !== 'custom') onChange(current());
  });
  return el(
    'form',
    { class: 'period-picker', id: 'dash-period', onsubmit: (event) => (event.preventDefault(), onChange(current())) },
    el('label', { class: 'inline', for: 'dash-preset' }, t('period'), preset),
    custom,
    el('label', { class: 'inline', for: 'dash-zone' }, t('timeZone'), zone),
  );
}
