// The anonymous viewer of share links: a random id kept in this browser's
// localStorage (so a second vote replaces the first), and the votes this
// browser gave per link (to show which thumb is pressed).
const VIEWER_KEY = 'audition.viewer';
const VOTES_KEY = 'audition.shareVotes';

export type Vote = 'up' | 'down';

export function viewerId(): string {
  const old = localStorage.getItem(VIEWER_KEY);
  if (old && /^[0-9a-f]{32}$/.test(old)) return old;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  localStorage.setItem(VIEWER_KEY, id);
  return id;
}

function allVotes(): Record<string, Record<string, Vote>> {
  try {
    const v = JSON.parse(localStorage.getItem(VOTES_KEY) ?? '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}
export function myVotes(token: string): Record<string, Vote> {
  return allVotes()[token] ?? {};
}
export function rememberVote(token: string, actorId: number, vote: Vote): void {
  const all = allVotes();
  all[token] = { ...(all[token] ?? {}), [actorId]: vote };
  localStorage.setItem(VOTES_KEY, JSON.stringify(all));
}
