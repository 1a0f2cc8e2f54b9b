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

// -- casting workflow (shared/spec/casting.md: Roles, Candidates, Finding actors) --
export const ROLE_STATUSES = ['OPEN', 'CAST', 'CUT'] as const;
export type RoleStatus = (typeof ROLE_STATUSES)[number];
export interface Role {
  ageMax: number | null;
  ageMin: number | null;
  billing: number | null;
  candidateCount: number;
  description: string | null;
  gender: Gender | null;
  id: number;
  movieId: number;
  name: string;
  status: RoleStatus;
}
export interface RoleInput {
  name: string;
  description?: string | null;
  gender?: Gender | null;
  ageMin?: number | null;
  ageMax?: number | null;
  billing?: number | null;
  status?: RoleStatus;
}

export const STAGES = ['SUGGESTED', 'SHORTLISTED', 'AUDITION', 'CALLBACK', 'ON_HOLD', 'BOOKED', 'RELEASED'] as const;
export type Stage = (typeof STAGES)[number];
export const stageLabel = (s: string): string =>
  s === 'ON_HOLD' ? 'On hold' : s.charAt(0) + s.slice(1).toLowerCase();

export interface OtherRole { movieId: number; roleId: number; roleName: string; stage: Stage }
export interface Candidate {
  actor: ActorSummary;
  notes: string | null;
  otherRoles: OtherRole[];
  rating: number | null;
  stage: Stage;
  tags: string[];
  updatedAt: string;
}

/** Filters of GET /actors beyond search and paging. */
export interface ActorFilters { gender?: Gender | ''; ageMin?: number | null; ageMax?: number | null }
