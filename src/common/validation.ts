import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type ProblemDetail } from './domain-error.js';
import { chineseMessage } from './validation-messages.js';

/** Field paths in one notation everywhere: `items[1].percent`, as the batch and import errors name them. */
export function fieldPath(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}

// class-validator reports a field's failed rules in reverse order of declaration, so a missing or mistyped
// value used to be told about its length limit ("最多 64 个字符" for a null username). Presence first, then
// type, then limits.
const PRESENCE = new Set(['isDefined', 'isNotEmpty', 'arrayNotEmpty']);
const TYPE = new Set(['isString', 'isInt', 'isNumber', 'isNumberString', 'isBoolean', 'isUuid', 'isEnum', 'isIn', 'isArray', 'isObject', 'isDateString', 'isIso8601', 'isEmail', 'isUrl', 'nestedValidation']);
const rank = (key: string) => (PRESENCE.has(key) ? 0 : TYPE.has(key) ? 1 : 2);

function flatten(errors: ValidationError[], prefix = ''): ProblemDetail[] {
  return errors.flatMap((e) => {
    const field = fieldPath(prefix, e.property);
    // One message per field: the most basic rule it breaks, in Chinese, with its limit.
    const [first] = Object.entries(e.constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b));
    const missing = (e.value === undefined || e.value === null) && first && first[0] !== 'whitelistValidation';
    const own = first ? [{ field, message: missing ? '必填' : chineseMessage(e, first[0], first[1]) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Whitelisting pipe used for every body, query and param: unknown fields are refused, not ignored. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Keep the target on each error: the Chinese messages read the limits from the DTO's metadata. The value
    // tells a missing field from a wrong one; it is never put in the answer.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const first = details[0];
      return new DomainError('VALIDATION', 400, first ? `请求参数无效：${first.field} ${first.message}${details.length > 1 ? `（共 ${details.length} 处）` : ''}` : '请求参数无效', details);
    },
  });
}
