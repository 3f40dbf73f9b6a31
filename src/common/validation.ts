import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type ProblemDetail } from './domain-error.js';

function flatten(errors: ValidationError[], prefix = ''): ProblemDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Whitelisting pipe used for every body, query and param: unknown fields are refused, not ignored. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new DomainError('VALIDATION', 400, '请求参数无效', flatten(errors)),
  });
}
