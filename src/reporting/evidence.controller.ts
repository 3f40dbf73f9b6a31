import { Controller, Get, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { requireUpload } from '../common/uploads.js';
import { EvidenceService } from './evidence.service.js';
import { EvidenceDto } from './dto/report-view.dto.js';

@ApiTags('reporting')
@Controller('reports/:reportId/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post()
  @RequirePermission(Permission.ReportsWrite)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: '上传佐证材料（PDF、图片、Word、Excel）' })
  @ApiCreatedResponse({ type: EvidenceDto })
  upload(@CurrentUser() user: Principal, @Param('reportId', ParseIdPipe) reportId: string, @UploadedFile() file?: Express.Multer.File) {
    return this.evidence.upload(user, reportId, requireUpload(file, '请以 multipart 字段 file 上传佐证材料'));
  }

  @Get(':evidenceId')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: '下载佐证材料' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: '文件内容', schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentUser() user: Principal,
    @Param('reportId', ParseIdPipe) reportId: string,
    @Param('evidenceId', ParseIdPipe) evidenceId: string,
    @Res() res: Response,
  ) {
    const file = await this.evidence.download(user, reportId, evidenceId);
    res
      .type(file.mimeType)
      .setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .setHeader('X-Content-SHA256', file.sha256)
      .send(Buffer.from(file.content));
  }
}
