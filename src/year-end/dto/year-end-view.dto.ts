import { ApiProperty } from '@nestjs/swagger';

export class AnnualItemDto {
  @ApiProperty() workItemId: string;
  @ApiProperty() seq: string;
  @ApiProperty() itemNo: number;
  @ApiProperty({ type: String, nullable: true }) area: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true }) status: string | null;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
  @ApiProperty({ type: String, nullable: true }) done: string | null;
  @ApiProperty({ type: String, nullable: true }) problems: string | null;
  @ApiProperty({ type: String, nullable: true }) nextSteps: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['green', 'yellow', 'red'] }) light: string | null;
  @ApiProperty({ type: Object, nullable: true, description: '预填来源：调度期次与状态' }) source: { periodLabel: string; state: string } | null;
}

export class AnnualActualDto {
  @ApiProperty() indicatorId: string;
  @ApiProperty() indicatorName: string;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty() value: number;
  @ApiProperty() source: string;
  @ApiProperty() verification: string;
}

export class AnnualRevisionDto {
  @ApiProperty() version: number;
  @ApiProperty() action: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: Object }) content: object;
  @ApiProperty() at: string;
}

export class AnnualReportDto {
  @ApiProperty() id: string;
  @ApiProperty() cycleId: string;
  @ApiProperty() planId: string;
  @ApiProperty() year: number;
  @ApiProperty() dueDate: string;
  @ApiProperty() recipient: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'returned', 'accepted'] }) state: string;
  @ApiProperty({ type: [AnnualItemDto] }) items: AnnualItemDto[];
  @ApiProperty({ type: String, nullable: true, description: '主要成效' }) achievements: string | null;
  @ApiProperty({ type: String, nullable: true, description: '存在问题' }) problems: string | null;
  @ApiProperty({ type: String, nullable: true, description: '下一年工作打算' }) nextYearPlans: string | null;
  @ApiProperty({ type: String, nullable: true }) addedReason: string | null;
  @ApiProperty({ type: String, nullable: true }) droppedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) dropReason: string | null;
  @ApiProperty({ type: String, nullable: true }) returnReason: string | null;
  @ApiProperty({ type: String, nullable: true }) firstSubmittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptedAt: string | null;
  @ApiProperty() late: boolean;
  @ApiProperty() version: number;
}

export class AnnualReportDetailDto extends AnnualReportDto {
  @ApiProperty({ type: [AnnualActualDto], description: '本单位本年度的指标实际值' }) actuals: AnnualActualDto[];
  @ApiProperty({ type: [AnnualRevisionDto] }) history: AnnualRevisionDto[];
}

export class CycleReportRefDto {
  @ApiProperty() id: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: String, nullable: true }) addedReason: string | null;
  @ApiProperty({ type: String, nullable: true }) droppedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) dropReason: string | null;
  @ApiProperty({ type: String, nullable: true }) firstSubmittedAt: string | null;
  @ApiProperty() late: boolean;
  @ApiProperty() version: number;
}

export class YearEndCycleDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() year: number;
  @ApiProperty() dueDate: string;
  @ApiProperty() recipient: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) summaryFinalisedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [CycleReportRefDto], description: '应报单位（本单位用户只看到本单位及下属单位）' }) reports: CycleReportRefDto[];
}
