import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-error.js';

/** Deeper than any DTO of the API; deeper input is an attack on the validator's recursion, not data. */
export const MAX_DEPTH = 12;

// C0 control characters other than tab, line feed and carriage return: what Word and PDF copies carry in
// invisibly (NUL among them, which PostgreSQL cannot store in text).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Text as it may be stored: invisible control characters dropped, lone surrogates made the replacement character. */
export function cleanText(s: string): string {
  // String.prototype.toWellFormed (Node 20) is not in TypeScript's es2023 lib; the regex does the same.
  return s.replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Runs before validation on every body, query and route parameter: cleans every string (so no text can
 * make the database fail) and refuses nesting deeper than any DTO needs, before anything recurses on it.
 */
@Injectable()
export class SanitizePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    return sanitize(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
  }
}

/**
 * What the pipe does to a request's body, for JSON that arrives inside it as text (a multipart field parsed by
 * its DTO): the pipe saw only the text, so neither the depth nor the strings inside were checked.
 */
export function sanitize(root: unknown, rootPath: string): unknown {
  if (typeof root === 'string') return cleanText(root);
  if (!root || typeof root !== 'object') return root;
  // Iterative, so that hostile depth is refused instead of overflowing the stack here.
  const stack: { node: Record<string, unknown> | unknown[]; depth: number; path: string }[] = [{ node: root as Record<string, unknown>, depth: 1, path: rootPath }];
  while (stack.length) {
    const { node, depth, path } = stack.pop()!;
    if (depth > MAX_DEPTH) throw new DomainError('VALIDATION', 400, `请求内容嵌套过深（最多 ${MAX_DEPTH} 层）`, [{ field: path || '(body)', message: `嵌套超过 ${MAX_DEPTH} 层` }]);
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      const childPath = Array.isArray(node) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (typeof child === 'string') (node as Record<string, unknown>)[key] = cleanText(child);
      else if (child && typeof child === 'object') stack.push({ node: child as Record<string, unknown>, depth: depth + 1, path: childPath });
    }
  }
  return root;
}
