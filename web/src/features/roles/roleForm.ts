// The role form's values, its validation (casting.md: name 1–200 chars, ages
// whole numbers 0–120 with min ≤ max, billing ≥ 1) and the payload it sends.
import type { Gender, Role, RoleInput, RoleStatus } from '../../api/types';

export interface RoleValues {
  name: string; description: string; gender: Gender | ''; ageMin: string; ageMax: string; billing: string;
  status: RoleStatus;
}
export type RoleErrors = Partial<Record<keyof RoleValues, string>>;
export const ROLE_FIELDS = ['name', 'description', 'gender', 'ageMin', 'ageMax', 'billing', 'status'] as const;

export const EMPTY_ROLE: RoleValues = {
  name: '', description: '', gender: '', ageMin: '', ageMax: '', billing: '', status: 'OPEN',
};

export function roleValues(r: Role): RoleValues {
  return {
    name: r.name, description: r.description ?? '', gender: r.gender ?? '',
    ageMin: r.ageMin === null ? '' : String(r.ageMin), ageMax: r.ageMax === null ? '' : String(r.ageMax),
    billing: r.billing === null ? '' : String(r.billing), status: r.status,
  };
}

const whole = (s: string) => /^\d{1,3}$/.test(s.trim());

export function validateRole(v: RoleValues): RoleErrors {
  const e: RoleErrors = {};
  if (!v.name.trim()) e.name = 'A name is required.';
  else if (v.name.trim().length > 200) e.name = 'At most 200 characters.';
  for (const k of ['ageMin', 'ageMax'] as const)
    if (v[k].trim() && (!whole(v[k]) || Number(v[k]) > 120)) e[k] = 'Enter an age from 0 to 120.';
  if (!e.ageMin && !e.ageMax && v.ageMin.trim() && v.ageMax.trim() && Number(v.ageMin) > Number(v.ageMax))
    e.ageMax = 'Must not be below the minimum age.';
  if (v.billing.trim() && (!/^\d{1,6}$/.test(v.billing.trim()) || Number(v.billing) < 1))
    e.billing = 'Enter a whole number from 1.';
  return e;
}

const num = (s: string) => (s.trim() ? Number(s) : null);

export function rolePayload(v: RoleValues): Required<RoleInput> {
  return {
    name: v.name.trim(), description: v.description.trim() || null, gender: v.gender || null,
    ageMin: num(v.ageMin), ageMax: num(v.ageMax), billing: num(v.billing), status: v.status,
  };
}

/** "Female · 30–45 years", "Any age", …: the breakdown in one line. */
export function breakdown(r: Pick<Role, 'gender' | 'ageMin' | 'ageMax'>): string {
  const g = r.gender === 'FEMALE' ? 'Female' : r.gender === 'MALE' ? 'Male' : 'Any gender';
  const a = r.ageMin !== null && r.ageMax !== null ? `${r.ageMin}–${r.ageMax} years`
    : r.ageMin !== null ? `${r.ageMin}+ years` : r.ageMax !== null ? `up to ${r.ageMax} years` : 'any age';
  return `${g} · ${a}`;
}

/** Roles in billing order, unbilled last, then by name (as the API orders them). */
export function byBilling(a: Role, b: Role): number {
  if (a.billing !== b.billing) {
    if (a.billing === null) return 1;
    if (b.billing === null) return -1;
    return a.billing - b.billing;
  }
  return a.name.localeCompare(b.name);
}
