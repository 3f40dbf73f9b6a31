import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min, registerDecorator, type ValidationOptions } from 'class-validator';

/** PostgreSQL's `integer`: larger numbers would be refused by the database as a 500, so they are a 400 here. */
export const INT4_MAX = 2_147_483_647;

/** A record version (optimistic concurrency): a positive 32-bit integer. */
export const IsVersion = () => applyDecorators(IsInt({ message: '须为整数' }), Min(1, { message: '须为正整数' }), Max(INT4_MAX, { message: `不能超过 ${INT4_MAX}` }));

/**
 * A boolean in a query string, where everything arrives as text: 'true' and 'false' become booleans, anything
 * else stays as sent for IsBoolean to refuse by name (a bare `Boolean(value)` would read 'no' as true).
 */
export const QueryBoolean = (message = '只能是 true 或 false') =>
  applyDecorators(
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message }),
  );

/**
 * A name without the spaces around it (ASCII, or the full-width space an input method types), on its own or
 * for each item of a list. Applied before validation, so the length and duplicate rules judge the name that
 * will be stored and compared: ['森林蓄积', ' 森林蓄积'] is the same name twice, and ' 林 ' is one character.
 * Anything other than text is left for the type rules to refuse.
 */
export const Trimmed = () => Transform(({ value }) => (Array.isArray(value) ? value.map(trimText) : trimText(value)));

function trimText(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/** A real calendar day written YYYY-MM-DD: 2031-02-30 is refused, not rolled over to March. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: '须为 1900 至 2200 年间的有效日期，格式 YYYY-MM-DD（如 2026-06-30）', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDay(value),
      },
    });
}

export function isCalendarDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2200 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
