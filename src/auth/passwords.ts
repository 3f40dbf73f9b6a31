import argon2 from 'argon2';
import { DomainError } from '../common/domain-error.js';

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1).
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string) => argon2.hash(plain, OPTIONS);
export const verifyPassword = (hash: string, plain: string) => argon2.verify(hash, plain).catch(() => false);

/** At least 10 characters, three of four classes, and not the user name. */
export function assertPasswordPolicy(password: string, username: string, field = 'newPassword') {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  const problems: string[] = [];
  if (password.length < 10) problems.push('至少 10 个字符');
  if (password.length > 128) problems.push('最多 128 个字符');
  if (classes < 3) problems.push('须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('不能包含用户名');
  if (problems.length) throw new DomainError('AUTH.WEAK_PASSWORD', 400, `密码不符合要求：${problems.join('；')}`, problems.map((message) => ({ field, message })));
}
