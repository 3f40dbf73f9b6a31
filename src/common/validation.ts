import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type ProblemDetail } from './domain-error.js';
import { chineseMessage } from './validation-messages.js';

/** Field paths in one notation everywhere: `items[1].percent`, as the batch and import errors name them. */
export function fieldPath(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}

function flatten(errors: ValidationError[], prefix = ''): ProblemDetail[] {
  return errors.flatMap((e) => {
    const field = fieldPath(prefix, e.property);
    // One message per field: the first rule it breaks, in Chinese, with its limit.
    const [first] = Object.entries(e.constraints ?? {});
    const own = first ? [{ field, message: chineseMessage(e, first[0], first[1]) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Whitelisting pipe used for every body, query and param: unknown fields are refused, not ignored. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Keep the target on each error: the Chinese messages read the limits from the DTO's metadata.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const first = details[0];
      return new DomainError('VALIDATION', 400, first ? `请求参数无效：${first.field} ${first.message}${details.length > 1 ? `（共 ${details.length} 处）` : ''}` : '请求参数无效', details);
    },
  });
}
