// What the dashboard reads, all at once for one period: each report settles on its own, so a
// report the viewer may not read (or one that fails) leaves the others on screen.

/** The query string of a report window. */
export function windowQuery({ from, to, timeZone, bucket }, extra = {}) {
  const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), timeZone, ...(bucket ? { bucket } : {}), ...extra });
  return params.toString();
}

const REPORTS = {
  volumeByType: (w) => `/v1/reports/volume?${windowQuery(w, { groupBy: 'type' })}`,
  volumeByChannel: (w) => `/v1/reports/volume?${windowQuery(w, { groupBy: 'channel' })}`,
  responseTimes: (w) => `/v1/reports/response-times?${windowQuery(w)}`,
  sla: (w) => `/v1/reports/sla?${windowQuery(w)}`,
  csat: (w) => `/v1/reports/csat?${windowQuery(w)}`,
  agents: (w) => `/v1/reports/agents?${windowQuery(w)}`,
  hotspots: (w) => `/v1/reports/hotspots?${windowQuery({ ...w, bucket: undefined }, { limit: '5' })}`,
  // Crisis alerts are "now", not of the period: every one still open or acknowledged.
  alerts: () => '/v1/alerts?status=open,acknowledged&limit=50',
};

/** `{ name: { data } | { error } }` for every report. */
export async function loadReports(api, window) {
  const names = Object.keys(REPORTS);
  const settled = await Promise.allSettled(names.map((name) => api('GET', REPORTS[name](window))));
  return Object.fromEntries(names.map((name, i) => [name, settled[i].status === 'fulfilled' ? { data: settled[i].value.data } : { error: settled[i].reason }]));
}
