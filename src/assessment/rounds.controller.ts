import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { CriterionKeyPipe } from './criterion-key.pipe.js';
import {
  AppealDto, AssignEvaluatorDto, GradeDistributionDto, CorrectionDto, DecideAppealDto, EvaluatorAssignmentDto, MyEvaluationDto,
  FileAppealDto, OpenRoundDto, OutcomeDto, OutcomeViewDto, ResultVersionDto, RoundDto,
  RoundTransitionDto, ScoreEntryDto, SelfAssessmentDto, SheetDto, TraceDto,
} from './dto/round.dto.js';
import { AssessmentExportsService, type FileOut } from './exports.service.js';
import { RoundsService } from './rounds.service.js';
import { ScoresService } from './scores.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET = 'assessment-rounds/:id/sheets/:unitId';
const CRITERION = `${SHEET}/criteria/:key`;

@ApiTags('assessment')
@Controller()
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly scores: ScoresService,
    private readonly exports: AssessmentExportsService,
  ) {}

  @Post('plans/:planId/assessment-rounds')
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '开启年度考核：按方案为每个责任单位自动计分，每一分可追溯到报告和事项' })
  @ApiCreatedResponse({ type: RoundDto })
  open(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string, @Body() dto: OpenRoundDto) {
    return this.rounds.open(user, planId, dto);
  }

  @Get('plans/:planId/assessment-rounds')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '年度考核列表' })
  @ApiOkResponse({ type: [RoundDto] })
  list(@Param('planId', ParseIdPipe) planId: string) {
    return this.rounds.list(planId);
  }

  @Get('plans/:planId/assessment-grades')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '历年考核等次分布（已公布的；领导小组办公室和领导）' })
  @ApiOkResponse({ type: [GradeDistributionDto] })
  distribution(@CurrentUser() user: Principal, @Param('planId', ParseIdPipe) planId: string) {
    return this.rounds.distribution(user, planId);
  }

  @Get('assessment-rounds/:id')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '年度考核' })
  @ApiOkResponse({ type: RoundDto })
  get(@Param('id', ParseIdPipe) id: string) {
    return this.rounds.get(id);
  }

  @Post('assessment-rounds/:id/start-self-assessment')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '开始自评' })
  @ApiOkResponse({ type: RoundDto })
  startSelf(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: RoundTransitionDto) {
    return this.rounds.transition(user, id, 'start_self_assessment', dto);
  }

  @Post('assessment-rounds/:id/start-review')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '开始复核' })
  @ApiOkResponse({ type: RoundDto })
  startReview(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: RoundTransitionDto) {
    return this.rounds.transition(user, id, 'start_review', dto);
  }

  @Post('assessment-rounds/:id/publish')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '公布结果（评分类指标须全部评完）' })
  @ApiOkResponse({ type: RoundDto })
  publish(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: RoundTransitionDto) {
    return this.rounds.transition(user, id, 'publish', dto);
  }

  @Post('assessment-rounds/:id/open-appeals')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '开始申诉期（默认 10 天）' })
  @ApiOkResponse({ type: RoundDto })
  openAppeals(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: RoundTransitionDto) {
    return this.rounds.transition(user, id, 'open_appeals', dto);
  }

  @Post('assessment-rounds/:id/freeze')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '锁定结果（申诉期满且申诉处理完毕；结果哈希写入审计日志，不合格单位自动列入整改）' })
  @ApiOkResponse({ type: RoundDto })
  freeze(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: RoundTransitionDto) {
    return this.rounds.transition(user, id, 'freeze', dto);
  }

  @Get('assessment-rounds/:id/sheets')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '评分排名表（单位只能看到本单位，评估人只能看到指定的单位）' })
  @ApiOkResponse({ type: [SheetDto] })
  sheets(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.rounds.sheets(user, id);
  }

  @Get(SHEET)
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '单位评分表' })
  @ApiOkResponse({ type: SheetDto })
  sheet(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Param('unitId', ParseIdPipe) unitId: string) {
    return this.rounds.sheet(user, id, unitId);
  }

  @Get(`${CRITERION}/trace`)
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '一项计算类指标的得分依据：涉及的报告、事项、延期申请' })
  @ApiOkResponse({ type: TraceDto })
  trace(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Param('unitId', ParseIdPipe) unitId: string, @Param('key', CriterionKeyPipe) key: string) {
    return this.rounds.trace(user, id, unitId, key);
  }

  @Put(`${CRITERION}/self-assessment`)
  @RequirePermission(Permission.AssessmentSelf)
  @ApiOperation({ summary: '自评（评分类指标，写明理由和佐证）' })
  @ApiOkResponse({ type: SheetDto })
  selfAssess(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Param('unitId', ParseIdPipe) unitId: string, @Param('key', CriterionKeyPipe) key: string, @Body() dto: SelfAssessmentDto) {
    return this.scores.selfAssess(user, id, unitId, key, dto);
  }

  @Put(`${CRITERION}/evaluation`)
  @RequirePermission(Permission.AssessmentEvaluate)
  @ApiOperation({ summary: '评估人评分（只能评指定的单位和指标）' })
  @ApiOkResponse({ type: SheetDto })
  evaluate(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Param('unitId', ParseIdPipe) unitId: string, @Param('key', CriterionKeyPipe) key: string, @Body() dto: ScoreEntryDto) {
    return this.scores.evaluate(user, id, unitId, key, dto);
  }

  @Put(`${CRITERION}/adjustment`)
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '复核调整（须说明理由）' })
  @ApiOkResponse({ type: SheetDto })
  adjust(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Param('unitId', ParseIdPipe) unitId: string, @Param('key', CriterionKeyPipe) key: string, @Body() dto: ScoreEntryDto) {
    return this.scores.adjust(user, id, unitId, key, dto);
  }

  @Post(`${CRITERION}/appeals`)
  @RequirePermission(Permission.AssessmentSelf)
  @ApiOperation({ summary: '申诉（申诉期内，被考核单位对本单位某项指标）' })
  @ApiCreatedResponse({ type: AppealDto })
  fileAppeal(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Param('unitId', ParseIdPipe) unitId: string, @Param('key', CriterionKeyPipe) key: string, @Body() dto: FileAppealDto) {
    return this.scores.fileAppeal(user, id, unitId, key, dto);
  }

  @Post('assessment-rounds/:id/evaluators')
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '指定评估人评哪些单位的哪些指标' })
  @ApiCreatedResponse({ type: EvaluatorAssignmentDto })
  assign(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: AssignEvaluatorDto) {
    return this.scores.assignEvaluators(user, id, dto);
  }

  @Get('assessment-rounds/:id/my-evaluations')
  @RequirePermission(Permission.AssessmentEvaluate)
  @ApiOperation({ summary: '本人被指定评分的单位与指标' })
  @ApiOkResponse({ type: [MyEvaluationDto] })
  myEvaluations(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.scores.myEvaluations(user, id);
  }

  @Get('assessment-rounds/:id/appeals')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '申诉列表（单位只看到本单位的）' })
  @ApiOkResponse({ type: [AppealDto] })
  appeals(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.scores.appeals(user, id);
  }

  @Post('assessment-appeals/:id/accept')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '采纳申诉（给出调整后的分数和理由）' })
  @ApiOkResponse({ type: AppealDto })
  accept(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: DecideAppealDto) {
    return this.scores.decideAppeal(user, id, true, dto);
  }

  @Post('assessment-appeals/:id/reject')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '驳回申诉（须说明理由）' })
  @ApiOkResponse({ type: AppealDto })
  reject(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: DecideAppealDto) {
    return this.scores.decideAppeal(user, id, false, dto);
  }

  @Post('assessment-rounds/:id/corrections')
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '锁定后更正：生成新的结果版本（须说明理由）' })
  @ApiCreatedResponse({ type: ResultVersionDto })
  correct(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: CorrectionDto) {
    return this.scores.correct(user, id, dto);
  }

  @Get('assessment-rounds/:id/versions')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '结果版本及其哈希' })
  @ApiOkResponse({ type: [ResultVersionDto] })
  versions(@Param('id', ParseIdPipe) id: string) {
    return this.rounds.versions(id);
  }

  @Post('assessment-rounds/:id/outcomes')
  @RequirePermission(Permission.AssessmentManage)
  @ApiOperation({ summary: '记录考核结果运用：表彰奖励、通报表扬、通报批评、约谈问责、整改' })
  @ApiCreatedResponse({ type: OutcomeViewDto })
  addOutcome(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Body() dto: OutcomeDto) {
    return this.scores.addOutcome(user, id, dto);
  }

  @Get('assessment-rounds/:id/outcomes')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '考核结果运用（单位看到本单位及下级单位的）' })
  @ApiOkResponse({ type: [OutcomeViewDto] })
  outcomes(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string) {
    return this.scores.outcomes(user, id);
  }

  @Get('assessment-rounds/:id/export/ranking')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '下载排名表（.xlsx：单位、各部分、各指标、总分、等次、名次、否决标记；领导小组办公室和领导）' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '文件', schema: { type: 'string', format: 'binary' } })
  async ranking(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Res() res: Response) {
    send(res, await this.exports.ranking(user, id));
  }

  @Get(`${SHEET}/export`)
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '下载单位评分表（.xlsx，单位只能下载本单位的）' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '文件', schema: { type: 'string', format: 'binary' } })
  async sheetFile(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Param('unitId', ParseIdPipe) unitId: string, @Res() res: Response) {
    send(res, await this.exports.sheet(user, id, unitId));
  }

  @Get('assessment-rounds/:id/export/bulletin')
  @RequirePermission(Permission.AssessmentRead)
  @ApiOperation({ summary: '下载考核结果通报（.docx，公布后；领导小组办公室和领导）' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({ description: '文件', schema: { type: 'string', format: 'binary' } })
  async bulletin(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string, @Res() res: Response) {
    send(res, await this.exports.bulletin(user, id));
  }
}

const send = (res: Response, file: FileOut) => res.type(file.mime).setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.body);
