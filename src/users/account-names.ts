import { randomBytes, randomInt } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import type { Role } from '../generated/prisma/enums.js';

const SUFFIX: Partial<Record<Role, string>> = { unit_reporter: 'tb', unit_head: 'fz' };
export const ROLE_TITLE: Partial<Record<Role, string>> = { unit_reporter: '填报员', unit_head: '负责人' };

/**
 * A login name offices are used to: the initials of the unit's name in pinyin and the role (市发改委 填报 →
 * 「sfgw-tb」), numbered when taken. Names are ASCII because every keyboard and every phone can type them.
 */
export function accountName(unitName: string, role: Role, taken: (name: string) => boolean): string {
  const initials = pinyin(unitName, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 24);
  const base = `${initials || 'unit'}-${SUFFIX[role] ?? role.replace(/_/g, '')}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}${n}`)) return `${base}${n}`;
}

/** A one-time password that meets the policy (length, three classes), to be changed at first login. */
export function oneTimePassword(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `${letters[randomInt(letters.length)]}${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}-${randomInt(10, 99)}`;
}
