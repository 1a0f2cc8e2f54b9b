// The wire types of the Audition API (shared/spec/api.md, docs/openapi.json).

export const GENRES = [
  'ACTION_AND_ADVENTURE', 'ANIMATION', 'COMEDY', 'DOCUMENTARY', 'DRAMA', 'FANTASY',
  'HISTORICAL', 'HORROR', 'NOIR', 'SCI_FI', 'WESTERN',
] as const;
export type Genre = (typeof GENRES)[number];
export const GENDERS = ['MALE', 'FEMALE'] as const;
export type Gender = (typeof GENDERS)[number];

export interface MovieSummary {
  genre: Genre;
  id: number;
  posterUrl: string | null;
  releaseDate: string | null;
  title: string;
}
export interface ActorSummary {
  age: number;
  gender: Gender | null;
  id: number;
  name: string;
  photoUrl: string | null;
}
export interface Movie extends MovieSummary { actors: ActorSummary[] }
export interface Actor extends ActorSummary { movies: MovieSummary[] }

export interface MovieInput {
  title: string;
  genre: Genre;
  releaseDate?: string | null;
  posterUrl?: string | null;
}
export interface ActorInput {
  name: string;
  age: number;
  gender?: Gender | null;
  photoUrl?: string | null;
}

export interface Page<T> { items: T[]; total: number; offset: number }
export const PAGE_SIZE = 10;

export type PatchOp =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string };

export interface User {
  displayName: string;
  id?: number;
  permissions: string[];
  role: string;
  username: string;
}
export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
  user: User;
}
export interface OidcSettings {
  audience: string | null;
  authorizeUrl: string;
  clientId: string;
  name: string;
  scopes: string;
  tokenUrl: string;
}
export interface AuthConfig { builtinLogin: boolean; oidc: OidcSettings | null }

export const genreLabel = (g: string): string =>
  g === 'SCI_FI' ? 'Sci-fi'
    : g === 'ACTION_AND_ADVENTURE' ? 'Action & adventure'
      : g.charAt(0) + g.slice(1).toLowerCase();
