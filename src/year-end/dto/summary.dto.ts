import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsVersion } from '../../common/validators.js';

export class CommentSummaryDto {
  @ApiProperty() @IsVersion() version: number;

  @ApiProperty({ description: '办公室意见（写入年度总结）' })
  @IsString()
  @MinLength(2, { message: '至少 2 个字' })
  @MaxLength(20000, { message: '不能超过 20000 字' })
  commentary: string;
}

export class FinaliseSummaryDto {
  @ApiProperty() @IsVersion() version: number;
}

class ItemCountsDto {
  @ApiProperty() items: number;
  @ApiProperty({ description: '已完成' }) completed: number;
  @ApiProperty({ description: '按计划推进' }) onTrack: number;
  @ApiProperty({ description: '滞后' }) behind: number;
  @ApiProperty({ description: '逾期未完成' }) overdue: number;
  @ApiProperty({ description: '无已采纳的年度报告' }) notReported: number;
}

class AreaCountsDto extends ItemCountsDto {
  @ApiProperty() area: string;
}

class EvaluationLineDto {
  @ApiProperty() seq: string;
  @ApiProperty() text: string;
  @ApiProperty() indicatorName: string;
  @ApiProperty({ enum: ['achieved', 'not_achieved', 'unknown'] }) outcome: string;
  @ApiProperty() explanation: string;
}

class IndicatorCountsDto {
  @ApiProperty() achieved: number;
  @ApiProperty() notAchieved: number;
  @ApiProperty() unknown: number;
  @ApiProperty({ type: [EvaluationLineDto] }) evaluations: EvaluationLineDto[];
}

class AnnualUnitCountsDto {
  @ApiProperty() obliged: number;
  @ApiProperty() accepted: number;
  @ApiProperty() awaitingReview: number;
  @ApiProperty({ type: [String] }) late: string[];
  @ApiProperty({ type: [String] }) missing: string[];
  @ApiProperty({ type: [String] }) dropped: string[];
}

class YearLightCountsDto {
  @ApiProperty() green: number;
  @ApiProperty() yellow: number;
  @ApiProperty() red: number;
  @ApiProperty() none: number;
}

class NoticeCountsDto {
  @ApiProperty({ description: '本年度发出的督办单' }) issued: number;
  @ApiProperty({ description: '催办' }) urge: number;
  @ApiProperty({ description: '督办' }) supervise: number;
  @ApiProperty({ description: '挂牌督办' }) listed: number;
  @ApiProperty({ description: '曾自动升级' }) escalated: number;
  @ApiProperty({ description: '已办结' }) closed: number;
  @ApiProperty({ description: '未办结' }) open: number;
}

class SummaryBodyDto {
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() year: number;
  @ApiProperty() dueDate: string;
  @ApiProperty() recipient: string;
  @ApiProperty({ type: [AreaCountsDto] }) areas: AreaCountsDto[];
  @ApiProperty({ type: ItemCountsDto }) totals: ItemCountsDto;
  @ApiProperty({ type: IndicatorCountsDto }) indicators: IndicatorCountsDto;
  @ApiProperty({ type: AnnualUnitCountsDto }) units: AnnualUnitCountsDto;
  @ApiProperty({ type: YearLightCountsDto }) lights: YearLightCountsDto;
  @ApiProperty({ type: NoticeCountsDto, nullable: true, description: '本年度督办单（统计督办单之前定稿的总结为 null）' }) notices: NoticeCountsDto | null;
  @ApiProperty({ type: String, nullable: true }) commentary: string | null;
}

export class SummaryDto {
  @ApiProperty() cycleId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, nullable: true }) finalisedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '定稿快照的 SHA-256' }) hash: string | null;
  @ApiProperty({ type: SummaryBodyDto }) summary: SummaryBodyDto;
}
