// Names for the ids an audition carries (actor, role), fetched once each and
// kept while the schedule is open.
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../api/client';

export interface Names { actor: (id: number) => string; role: (id: number) => string }

export function useNames(api: ApiClient, actorIds: number[], roleIds: number[]): Names {
  const [actors, setActors] = useState<Record<number, string>>({});
  const [roles, setRoles] = useState<Record<number, string>>({});
  const asked = useRef({ actors: new Set<number>(), roles: new Set<number>() });
  const aKey = [...new Set(actorIds)].sort().join(','), rKey = [...new Set(roleIds)].sort().join(',');

  useEffect(() => {
    for (const id of new Set(actorIds)) {
      if (asked.current.actors.has(id)) continue;
      asked.current.actors.add(id);
      api.getActor(id).then((r) => setActors((m) => ({ ...m, [id]: r.actor.name })), () => {});
    }
  }, [aKey]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    for (const id of new Set(roleIds)) {
      if (asked.current.roles.has(id)) continue;
      asked.current.roles.add(id);
      api.getRole(id).then((r) => setRoles((m) => ({ ...m, [id]: r.role.name })), () => {});
    }
  }, [rKey]); // eslint-disable-line react-hooks/exhaustive-deps

  return {
    actor: (id) => actors[id] ?? `Actor ${id}`,
    role: (id) => roles[id] ?? `Role ${id}`,
  };
}
