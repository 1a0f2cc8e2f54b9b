// The frame both detail pages (an actor, a movie) share: load the entity named
// by the address's :id, stand in for it while loading, when it does not exist
// (404) or when loading failed (with Retry); run an action and read the entity
// again (removing a cast link); delete it after confirming, then go back to the
// list, or say why it failed and stay.
import { useState, type ReactElement } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { ConfirmDialog, EmptyState, ErrorState, errorText, Loading } from './common';
import { useNotify } from './Notify';
import { useFetch } from './useFetch';

export interface EntityPageSpec<T> {
  noun: string;                          // "movie"
  listPath: string;                      // "/movies", where a delete leads
  load: (id: number) => Promise<T>;
  remove: (id: number) => Promise<void>;
}

interface EntityPageCommon {
  id: number;
  reload: () => void;
  /** Runs work; on success says done and reads the entity again, else says why it failed. */
  act: (work: () => Promise<unknown>, done: string) => Promise<void>;
  /** Opens the delete confirmation. */
  askDelete: () => void;
  /** The delete confirmation; on confirming deletes, says done and goes to the list. */
  deleteDialog: (d: { title: string; text: string; done: string }) => ReactElement;
}

/** view: what to show instead of the page (loading, 404, error), else null and data is there. */
export type EntityPage<T> = EntityPageCommon & ({ view: ReactElement; data: null } | { view: null; data: T });

export function useEntityPage<T>(spec: EntityPageSpec<T>): EntityPage<T> {
  const id = Number(useParams().id);
  const notify = useNotify();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useFetch(() => spec.load(id), [id]);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);

  async function act(work: () => Promise<unknown>, done: string) {
    try {
      await work();
      notify(done);
      reload();
    } catch (e) {
      notify(errorText(e), 'error');
    }
  }
  async function remove(done: string) {
    setBusy(true);
    try {
      await spec.remove(id);
      notify(done);
      navigate(spec.listPath);
    } catch (e) {
      notify(errorText(e), 'error');
      setBusy(false);
      setConfirm(false);
    }
  }
  const common: EntityPageCommon = {
    id, reload, act,
    askDelete: () => setConfirm(true),
    deleteDialog: ({ title, text, done }) => (
      <ConfirmDialog open={confirm} title={title} confirm="Delete" busy={busy} text={text}
        onConfirm={() => remove(done)} onClose={() => setConfirm(false)} />
    ),
  };

  if (loading && !data) return { ...common, view: <Loading label={`Loading ${spec.noun}`} />, data: null };
  if (error instanceof ApiError && error.status === 404)
    return { ...common, view: <EmptyState>{`This ${spec.noun} does not exist (any more).`}</EmptyState>, data: null };
  if (error || !data) return { ...common, view: <ErrorState error={error} onRetry={reload} />, data: null };
  return { ...common, view: null, data };
}
