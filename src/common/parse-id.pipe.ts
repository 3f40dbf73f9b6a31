import { Injectable, ParseUUIDPipe, type ArgumentMetadata } from '@nestjs/common';
import { DomainError } from './domain-error.js';

/** A route's id parameter: a UUID, or a 400 naming the parameter (never a database error). */
@Injectable()
export class ParseIdPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    try {
      return (await super.transform(value, metadata)) as string;
    } catch {
      throw new DomainError('VALIDATION', 400, `请求参数无效：${metadata.data ?? 'id'} 须为 UUID 格式的编号`, [{ field: metadata.data ?? 'id', message: '须为 UUID 格式的编号' }]);
    }
  }
}
