const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九: the numbering of official documents. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** Level 1 「一、」, level 2 「（一）」, level 3 「1.」. */
export const level1 = (n: number) => `${chineseNumeral(n)}、`;
export const level2 = (n: number) => `（${chineseNumeral(n)}）`;
export const level3 = (n: number) => `${n}.`;
