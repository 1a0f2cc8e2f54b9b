// CSV export and import (casting.md "Export"): the cast list of a movie, the
// candidates of a role, and the all-or-nothing actors import with its
// row/field errors.
import { ApiError, type ApiClient, type Download } from './client';

export function castCsv(api: ApiClient, movieId: number): Promise<Download> {
  return api.download(`/movies/${movieId}/cast.csv`, `movie-${movieId}-cast.csv`);
}
export function candidatesCsv(api: ApiClient, roleId: number): Promise<Download> {
  return api.download(`/roles/${roleId}/candidates.csv`, `role-${roleId}-candidates.csv`);
}

export interface ImportProblem { row: number | null; field: string | null; message: string }
export type ImportResult = { ok: true; imported: number } | { ok: false; message: string; problems: ImportProblem[] };

export async function importActors(api: ApiClient, csv: string): Promise<ImportResult> {
  try {
    const r = await api.request<Record<string, unknown>>('POST', '/actors/import', { raw: { type: 'text/csv', text: csv } });
    const d = r.data ?? {};
    const n = [d.created, d.imported].find((v) => typeof v === 'number') as number | undefined;
    const ids = Array.isArray(d.ids) ? d.ids.length : undefined;
    return { ok: true, imported: n ?? ids ?? 0 };
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) return { ok: false, message: e.message, problems: importProblems(e.body) };
    throw e;
  }
}

/** Row/field errors from the server's 400 body: an `errors` array of
 * {row, field, message}, else nothing beyond the message. */
export function importProblems(body: unknown): ImportProblem[] {
  const list = body && typeof body === 'object' ? (body as Record<string, unknown>).errors : null;
  if (!Array.isArray(list)) return [];
  return list.map((x) => {
    const o = (x ?? {}) as Record<string, unknown>;
    return {
      row: typeof o.row === 'number' ? o.row : null,
      field: typeof o.field === 'string' ? o.field : null,
      message: typeof o.message === 'string' ? o.message : String(x),
    };
  });
}
