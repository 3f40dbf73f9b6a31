import { Body, Controller, Get, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { requireUpload } from '../common/uploads.js';
import { ImportQuery } from './dto/import.dto.js';
import { ImportReportDto, ImportRunDto } from './dto/import-report.dto.js';
import { ImportBodyDto } from './dto/onboarding.dto.js';
import { ImportsService } from './imports.service.js';

@ApiTags('imports')
@Controller('plans/:planId/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @RequirePermission(Permission.ImportsWrite)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: '任务分工表（.xlsx、.csv）、方案文件（.docx）或方案正文（.txt）' },
        onboarding: { type: 'string', description: 'JSON（OnboardingDto）：提交时一并新建单位、添加别名或标记非单位' },
      },
    },
  })
  @ApiOperation({ summary: '导入任务分工表或方案文件（dryRun=true 只校验并给出单位建议，false 提交）' })
  @ApiCreatedResponse({ type: ImportReportDto, description: 'dryRun=true 时为逐行报告；提交时另含 importId 与 changes' })
  import(
    @CurrentUser() user: Principal,
    @Param('planId', ParseIdPipe) planId: string,
    @Query() query: ImportQuery,
    @Body() body: ImportBodyDto,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    const upload = requireUpload(file, '请以 multipart 字段 file 上传任务分工表或方案文件');
    const options = { planYear: query.planYear, onboarding: body.onboarding };
    return query.dryRun ? this.imports.dryRun(planId, upload, options, user) : this.imports.commit(planId, upload, options, user);
  }

  @Get()
  @RequirePermission(Permission.ImportsWrite)
  @ApiOperation({ summary: '方案的导入记录（每个版本的变更报告）' })
  @ApiOkResponse({ type: [ImportRunDto] })
  history(@Param('planId', ParseIdPipe) planId: string) {
    return this.imports.history(planId);
  }
}
