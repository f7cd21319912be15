/** A member of the team as the round-robin sees them. */
export interface Candidate {
  id: string;
  status: 'available' | 'away';
  loadCap: number | null;
  /** Tickets assigned to them and not solved or closed. */
  openTickets: number;
}

/**
 * The next agent in turn after `lastAgentId` (in id order, wrapping), skipping the away and those
 * at their load cap. The turn moves past whoever was picked, so each available agent gets one
 * ticket per round: counts differ by at most one as long as nobody's availability changes.
 */
export function nextInTurn(candidates: readonly Candidate[], lastAgentId: string | null): { agentId: string | null; reason: string } {
  const ordered = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const eligible = ordered.filter((c) => c.status === 'available' && (c.loadCap === null || c.openTickets < c.loadCap));
  if (eligible.length === 0) {
    const away = ordered.filter((c) => c.status === 'away').length;
    const full = ordered.length - away;
    return { agentId: null, reason: ordered.length === 0 ? 'the team has no active agents' : `no agent available (${away} away, ${full} at their load cap)` };
  }
  const next = (lastAgentId === null ? undefined : eligible.find((c) => c.id > lastAgentId)) ?? eligible[0]!;
  const left = ordered.length - eligible.length;
  return { agentId: next.id, reason: `next in turn of ${eligible.length} available${left ? ` (${left} away or at their load cap skipped)` : ''}` };
}
