import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate, IsVersion } from '../../common/validators.js';

const score = () => (t: object, k: string | symbol) => {
  IsOptional()(t, k);
  IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: '须为数字（至多两位小数）' })(t, k);
  Min(-1000)(t, k);
  Max(1000)(t, k);
};

export class OpenRoundDto {
  @ApiProperty({ example: 2026, description: '考核年度（须已有该年度的考核方案）' }) @IsInt() @Min(2000) @Max(2100) year: number;
}

export class RoundTransitionDto {
  @ApiProperty() @IsVersion() version: number;
}

export class SelfAssessmentDto {
  @ApiProperty({ description: '自评分（须在指标分值区间内）' }) @score() score: number;
  @ApiProperty({ description: '自评理由' }) @IsString() @MinLength(2) @MaxLength(2000) reason: string;
  @ApiPropertyOptional({ description: '佐证说明（引用已报送的报告、文件等，不另行报送材料）' }) @IsOptional() @IsString() @MaxLength(4000) evidence?: string;
}

export class ScoreEntryDto {
  @ApiPropertyOptional({ description: '分数（计算类、评分类）' }) @score() score?: number;
  @ApiPropertyOptional({ description: '否决项是否触发' }) @IsOptional() @IsBoolean() triggered?: boolean;
  @ApiProperty({ description: '理由' }) @IsString() @MinLength(2) @MaxLength(2000) reason: string;
}

export class CorrectionDto extends ScoreEntryDto {
  @ApiProperty() @IsUUID() unitId: string;
  @ApiProperty() @IsString() @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: '须为指标标识' }) criterionKey: string;
}

export class AssignEvaluatorDto {
  @ApiProperty({ description: '评估人账号（角色须含 evaluator）' }) @IsUUID() userId: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5000) @ArrayUnique() @IsUUID('all', { each: true }) unitIds: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ArrayUnique() @IsString({ each: true }) @Matches(/^[a-z][a-z0-9_]{0,39}$/, { each: true, message: '须为指标标识' }) criterionKeys: string[];
}

export class FileAppealDto {
  @ApiProperty({ description: '申诉理由' }) @IsString() @MinLength(5) @MaxLength(4000) reason: string;
}

export class DecideAppealDto extends ScoreEntryDto {
  @ApiProperty() @IsVersion() version: number;
}

export const OUTCOME_KINDS = ['commendation', 'praise', 'criticism', 'interview', 'rectification'] as const;
export const OUTCOME_NAMES = { commendation: '表彰奖励', praise: '通报表扬', criticism: '通报批评', interview: '约谈问责', rectification: '整改' } as const;

export class OutcomeDto {
  @ApiProperty() @IsUUID() unitId: string;
  @ApiProperty({ enum: OUTCOME_KINDS, description: '表彰奖励/通报表扬/通报批评/约谈问责/整改' }) @IsIn(OUTCOME_KINDS) kind: (typeof OUTCOME_KINDS)[number];
  @ApiProperty({ description: '说明' }) @IsString() @MinLength(2) @MaxLength(2000) note: string;
  @ApiPropertyOptional({ description: '整改期限（整改时必填）' }) @IsOptional() @IsCalendarDate() dueDate?: string;
}

export class RoundDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['open', 'self_assessment', 'review', 'published', 'appeal', 'frozen'] }) state: string;
  @ApiProperty() stateName: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: '数据截止时点' }) cutoff: string;
  @ApiProperty() appealDays: number;
  @ApiProperty({ type: String, nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) appealDeadline: string | null;
  @ApiProperty({ type: String, nullable: true }) frozenAt: string | null;
  @ApiProperty() resultVersion: number;
  @ApiProperty() unscoredJudged: number;
  @ApiProperty() pendingAppeals: number;
}

export class SheetCriterionDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() partKey: string;
  @ApiProperty({ enum: ['computed', 'judged', 'veto'] }) type: string;
  @ApiProperty({ type: String, nullable: true, description: '由数据计算或触发时的计算方式（见 GET /assessment-criterion-kinds）；有值的指标不能评分' }) kind: string | null;
  @ApiProperty() formula: string;
  @ApiProperty({ type: Number, nullable: true }) computed: number | null;
  @ApiProperty({ type: Number, nullable: true }) selfScore: number | null;
  @ApiProperty({ type: String, nullable: true }) selfReason: string | null;
  @ApiProperty({ type: String, nullable: true }) selfEvidence: string | null;
  @ApiProperty({ type: Number, nullable: true }) evaluatorScore: number | null;
  @ApiProperty({ type: String, nullable: true }) evaluatorReason: string | null;
  @ApiProperty({ type: Number, nullable: true }) adjustedScore: number | null;
  @ApiProperty({ type: String, nullable: true }) adjustReason: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) vetoTriggered: boolean | null;
  @ApiProperty({ description: '计入得分（已按本项上下限）' }) points: number;
}

export class SheetPartDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() weight: number;
  @ApiProperty() raw: number;
  @ApiProperty() score: number;
}

export class SheetDto {
  @ApiProperty() id: string;
  @ApiProperty() roundId: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: Number, nullable: true, description: '公布前对被考核单位不显示' }) total: number | null;
  @ApiProperty({ type: String, nullable: true }) grade: string | null;
  @ApiProperty({ type: String, nullable: true }) gradeName: string | null;
  @ApiProperty({ type: Number, nullable: true }) rank: number | null;
  @ApiProperty() vetoed: boolean;
  @ApiProperty({ description: '按分数应为优秀，因优秀比例限制降为下一等次' }) limitedByShare: boolean;
  @ApiProperty({ type: [SheetPartDto] }) parts: SheetPartDto[];
  @ApiProperty({ type: [SheetCriterionDto] }) criteria: SheetCriterionDto[];
}

export class TraceRecordDto {
  @ApiProperty({ enum: ['ProgressReport', 'WorkItem', 'ExtensionRequest', 'SupervisionNotice'] }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['lead', 'supporting'] }) role: string;
  @ApiProperty() label: string;
  @ApiProperty() counted: boolean;
  @ApiProperty() note: string;
}

export class TraceDto {
  @ApiProperty() criterionKey: string;
  @ApiProperty() name: string;
  @ApiProperty() formula: string;
  @ApiProperty({ type: Number, nullable: true }) computed: number | null;
  @ApiProperty() points: number;
  @ApiProperty() lead: number;
  @ApiProperty() supporting: number;
  @ApiProperty() met: number;
  @ApiProperty() due: number;
  @ApiProperty({ type: [TraceRecordDto] }) records: TraceRecordDto[];
}

export class AppealDto {
  @ApiProperty() id: string;
  @ApiProperty() roundId: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() criterionKey: string;
  @ApiProperty() criterionName: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'rejected'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty({ type: Number, nullable: true }) decidedScore: number | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class ResultVersionDto {
  @ApiProperty() number: number;
  @ApiProperty() reason: string;
  @ApiProperty() hash: string;
  @ApiProperty() createdAt: string;
}

export class OutcomeViewDto {
  @ApiProperty() id: string;
  @ApiProperty() roundId: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: OUTCOME_KINDS }) kind: string;
  @ApiProperty() kindName: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: String, nullable: true }) dueDate: string | null;
  @ApiProperty() createdAt: string;
}

export class MyEvaluationDto {
  @ApiProperty() unitId: string;
  @ApiProperty() criterionKey: string;
}

export class EvaluatorAssignmentDto {
  @ApiProperty() created: number;
}

export class GradeDistributionDto {
  @ApiProperty() year: number;
  @ApiProperty() state: string;
  @ApiProperty() units: number;
  @ApiProperty({ description: '优秀' }) excellent: number;
  @ApiProperty({ description: '良好' }) good: number;
  @ApiProperty({ description: '合格' }) pass: number;
  @ApiProperty({ description: '不合格' }) fail: number;
}
