// A role's board state: the role and all its candidates, and the moves
// between stages. A move shows at once and is then confirmed by reloading;
// a 409 on booking becomes either a question (the actor is booked in another
// role of this movie: book anyway with ?confirm=true) or the server's message
// (this role already has its booked candidate). Each reload also fetches the
// share-link viewers' vote totals per actor (votes: an aid only — if they
// cannot be read, the board shows none).
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { roleVotes, type Votes } from '../../api/shares';
import type { Candidate, Role, Stage } from '../../api/types';
import { errorText } from '../../components/common';
import { useAuth } from '../auth/AuthContext';

export type MoveOutcome =
  | { kind: 'moved' }
  | { kind: 'confirm'; message: string; clash: string | null }
  | { kind: 'error'; message: string };

/** Stages a candidate may go to from `from` (casting.md: backwards is fine, out of BOOKED only by release). */
export function allowedTargets(from: Stage, all: readonly Stage[]): Stage[] {
  if (from === 'BOOKED') return ['RELEASED'];
  return all.filter((s) => s !== from);
}

export function useBoard(roleId: number) {
  const { api } = useAuth();
  const [role, setRole] = useState<Role | null>(null);
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [votes, setVotes] = useState<ReadonlyMap<number, Votes>>(new Map());

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const [r, c, v] = await Promise.all([api.getRole(roleId), api.listCandidates(roleId),
        roleVotes(api, roleId).catch(() => null)]);
      setRole(r.role);
      setCandidates(c);
      setVotes(new Map((v ?? []).filter((x) => x.up > 0 || x.down > 0).map((x) => [x.actorId, { up: x.up, down: x.down }])));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [api, roleId]);
  useEffect(() => { void reload(); }, [reload]);

  const move = useCallback(async (c: Candidate, stage: Stage, confirm = false): Promise<MoveOutcome> => {
    if (c.stage === stage) return { kind: 'moved' };
    const before = candidates;
    setCandidates((old) => old?.map((x) => (x.actor.id === c.actor.id ? { ...x, stage } : x)) ?? old);
    try {
      await api.patchCandidate(roleId, c.actor.id, [{ op: 'add', path: '/stage', value: stage }], confirm);
      await reload();
      return { kind: 'moved' };
    } catch (e) {
      setCandidates(before);
      if (e instanceof ApiError && e.status === 409 && stage === 'BOOKED' && !confirm) {
        const bookedHere = before?.some((x) => x.stage === 'BOOKED' && x.actor.id !== c.actor.id);
        if (!bookedHere) {
          const clash = c.otherRoles.find((o) => o.stage === 'BOOKED' && (!role || o.movieId === role.movieId));
          return { kind: 'confirm', message: e.message, clash: clash?.roleName ?? null };
        }
      }
      return { kind: 'error', message: errorText(e) };
    }
  }, [api, roleId, candidates, role, reload]);

  return { role, candidates, votes, error, loading, reload, move, setCandidates };
}
