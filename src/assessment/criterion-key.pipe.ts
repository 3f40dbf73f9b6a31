import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';

/** A criterion key in a route: the same identifier rule as in the scheme, or a 400 naming the parameter. */
@Injectable()
export class CriterionKeyPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (/^[a-z][a-z0-9_]{0,39}$/.test(value)) return value;
    throw new DomainError('VALIDATION', 400, `请求参数无效：${metadata.data ?? 'key'} 须为指标标识`, [{ field: metadata.data ?? 'key', message: '须为小写字母开头的指标标识' }]);
  }
}
