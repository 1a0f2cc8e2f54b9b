// Actors: searchable, paged cards; add and edit only for roles that may.
import type { ActorSummary } from '../../api/types';
import { ListScreen } from '../../components/ListScreen';
import { useAuth } from '../auth/AuthContext';
import { ActorCard } from './ActorCard';

export function ActorsPage() {
  const { api, can } = useAuth();
  return (
    <ListScreen<ActorSummary> title="Actors" noun="actors" searchLabel="Search actors"
      addLabel="Add actor" addTo={can('create:actors') ? '/actors/new' : undefined}
      load={(p, s) => api.listActors(p, s)} card={(a) => <ActorCard actor={a} />} />
  );
}
