import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { QueryBoolean } from '../../common/validators.js';

export class ImportQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'true：只校验并返回逐行报告，不写入', default: true })
  @IsOptional()
  @QueryBoolean()
  dryRun = true;

  @ApiPropertyOptional({ description: '方案年度：「年底前」「6月底前」按此年份计算（默认为文件标题中的年份；都没有时这些期限不设日期并提示）', example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  planYear?: number;
}
