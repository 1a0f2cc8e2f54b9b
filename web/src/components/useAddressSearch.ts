// A paged, searchable list's place in the address: the page (?page=, from 1)
// and the search (?q=). What is typed in the search box goes to the address
// 300 ms after the last key (replacing the entry, not adding one) and starts
// again at page 1. Used by the movies and actors lists and the role's matches.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useDebounced } from './common';

export function useAddressSearch() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const search = params.get('q') ?? '';
  const [typed, setTyped] = useState(search);
  const debounced = useDebounced(typed, 300);
  useEffect(() => {
    if (debounced !== search) setParams((old) => withParams(old, { q: debounced || null, page: null }), { replace: true });
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps
  const setPage = (p: number) => setParams((old) => withParams(old, { page: String(p) }));
  return { page, search, typed, setTyped, setPage };
}

/** The address's parameters with some set (a string) or removed (null). */
export function withParams(old: URLSearchParams, set: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(old);
  for (const [k, v] of Object.entries(set)) {
    if (v === null) next.delete(k);
    else next.set(k, v);
  }
  return next;
}
