// The logic both add/edit forms share: load the current version and its ETag
// (edit), validate, create (POST) or send the differences as JSON Patch with
// If-Match, place a server 400 on the field it names, and report a 412
// (someone else saved first) as a conflict the user can resolve.
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, diffPatch, fieldOfMessage } from '../api/client';
import type { PatchOp } from '../api/types';
import { errorText } from './common';
import { useNotify } from './Notify';

export type Errors<V> = Partial<Record<keyof V & string, string>>;

export interface EntityFormSpec<V extends object, E> {
  id: number | null;                     // null: create
  empty: V;
  fields: readonly (keyof V & string)[];
  noun: string;                          // "movie"
  listPath: string;                      // "/movies"
  load: (id: number) => Promise<{ entity: E; etag: string | null }>;
  toValues: (e: E) => V;
  validate: (v: V) => Errors<V>;
  toPayload: (v: V) => object;           // for create and for the diff
  create: (payload: object) => Promise<number>;
  patch: (id: number, ops: PatchOp[], etag: string | null) => Promise<string | null>;
}

export function useEntityForm<V extends object, E>(spec: EntityFormSpec<V, E>) {
  const notify = useNotify();
  const navigate = useNavigate();
  const [values, setValues] = useState<V>(spec.empty);
  const [original, setOriginal] = useState<V | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors<V>>({});
  const [loading, setLoading] = useState(spec.id !== null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (spec.id === null) return;
    setLoading(true);
    try {
      const { entity, etag: tag } = await spec.load(spec.id);
      const v = spec.toValues(entity);
      setValues(v);
      setOriginal(v);
      setEtag(tag);
      setConflict(false);
      setErrors({});
    } catch (e) {
      setLoadError(e);
    } finally {
      setLoading(false);
    }
  }, [spec.id]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { void load(); }, [load]);

  const set = <K extends keyof V & string>(k: K, v: V[K]) => {
    setValues((old) => ({ ...old, [k]: v }));
    setErrors((old) => ({ ...old, [k]: undefined }));
  };

  async function submit() {
    setFormError(null);
    const found = spec.validate(values);
    if (Object.values(found).some(Boolean)) {
      setErrors(found);
      return;
    }
    setBusy(true);
    try {
      if (spec.id === null) {
        const id = await spec.create(spec.toPayload(values));
        notify(`The ${spec.noun} was added.`);
        navigate(`${spec.listPath}/${id}`);
        return;
      }
      const before = spec.toPayload(original ?? spec.empty) as Record<string, unknown>;
      const after = spec.toPayload(values) as Record<string, unknown>;
      const ops = diffPatch(before, after, spec.fields as readonly string[]);
      if (ops.length === 0) {
        notify('Nothing changed.', 'info');
        navigate(`${spec.listPath}/${spec.id}`);
        return;
      }
      await spec.patch(spec.id, ops, etag);
      notify(`The ${spec.noun} was saved.`);
      navigate(`${spec.listPath}/${spec.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setConflict(true);
      else if (e instanceof ApiError && e.status === 400) {
        const f = fieldOfMessage(e.message, spec.fields);
        if (f) setErrors({ [f]: e.message.replace(/^operation \d+: /, '') } as Errors<V>);
        else setFormError(e.message);
      } else setFormError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return { values, set, errors, loading, loadError, busy, conflict, formError, submit, reloadTheirs: load };
}
