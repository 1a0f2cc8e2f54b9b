// Loading state for one fetch: data, error, loading, and reload().
import { useCallback, useEffect, useState } from 'react';

export function useFetch<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    run().then((d) => { if (live) { setData(d); setLoading(false); } },
      (e) => { if (live) { setError(e); setLoading(false); } });
    return () => { live = false; };
  }, [run, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}
