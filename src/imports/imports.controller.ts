import { Controller, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/decorators.js';
import { Permission } from '../auth/permissions.js';
import { requireUpload } from '../common/uploads.js';
import { ImportQuery } from './dto/import.dto.js';
import { ImportsService } from './imports.service.js';

@ApiTags('imports')
@Controller('plans/:planId/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @RequirePermission(Permission.ImportsWrite)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '任务分工表 .xlsx 或 .csv' } } } })
  @ApiOperation({ summary: '导入任务分工表（dryRun=true 只校验，false 提交）' })
  async import(@Param('planId', ParseUUIDPipe) planId: string, @Query() query: ImportQuery, @UploadedFile() file?: Express.Multer.File) {
    const upload = requireUpload(file, '请以 multipart 字段 file 上传任务分工表');
    return query.dryRun ? this.imports.dryRun(planId, upload) : this.imports.commit(planId, upload);
  }
}
