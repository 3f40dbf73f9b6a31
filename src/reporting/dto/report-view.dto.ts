import { ApiProperty } from '@nestjs/swagger';

export class EvidenceDto {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedAt: string;
}

class ReportPeriodRefDto {
  @ApiProperty() label: string;
  @ApiProperty() dueDate: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
}

class ReportItemRefDto {
  @ApiProperty() seq: string;
  @ApiProperty() itemNo: number;
  @ApiProperty() text: string;
}

export class ReportContentViewDto {
  @ApiProperty({ enum: ['not_started', 'on_track', 'at_risk', 'delayed', 'completed'], nullable: true }) status: string | null;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
  @ApiProperty({ type: String, nullable: true, description: '主要工作进展' }) done: string | null;
  @ApiProperty({ type: String, nullable: true, description: '存在问题' }) problems: string | null;
  @ApiProperty({ type: String, nullable: true, description: '下一步计划' }) nextSteps: string | null;
}

export class ReportDto extends ReportContentViewDto {
  @ApiProperty() id: string;
  @ApiProperty() periodId: string;
  @ApiProperty({ type: ReportPeriodRefDto }) period: ReportPeriodRefDto;
  @ApiProperty() workItemId: string;
  @ApiProperty({ type: ReportItemRefDto }) workItem: ReportItemRefDto;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ['report', 'contribution'], description: 'report：牵头单位进展；contribution：配合单位协办情况' }) kind: string;
  @ApiProperty({ enum: ['pending', 'draft', 'submitted', 'returned', 'accepted'] }) state: string;
  @ApiProperty({ type: String, nullable: true }) returnReason: string | null;
  @ApiProperty({ type: String, nullable: true }) firstSubmittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '本单位已不再承担该事项时为结束时间，报告只读' }) assignmentEndedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: [EvidenceDto] }) evidence: EvidenceDto[];
}

export class ReportRevisionDto {
  @ApiProperty() version: number;
  @ApiProperty() action: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: ReportContentViewDto }) content: ReportContentViewDto;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty() at: string;
}

export class ReportDetailDto extends ReportDto {
  @ApiProperty({ type: [ReportDto], description: '牵头单位可见的配合单位协办情况' }) contributions: ReportDto[];
  @ApiProperty({ type: [ReportRevisionDto] }) history: ReportRevisionDto[];
}

export class BatchItemViewDto extends ReportDto {
  @ApiProperty({ type: ReportContentViewDto, nullable: true, description: '上期已采纳（协办情况：上期已报送）的内容' }) prefill: ReportContentViewDto | null;
  @ApiProperty({ type: [ReportDto] }) contributions: ReportDto[];
}

class BatchPeriodDto {
  @ApiProperty() id: string;
  @ApiProperty() label: string;
  @ApiProperty() dueDate: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
}

export class BatchScreenDto {
  @ApiProperty({ type: BatchPeriodDto }) period: BatchPeriodDto;
  @ApiProperty({ type: [BatchItemViewDto] }) items: BatchItemViewDto[];
}

export class PeriodDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['monthly', 'quarterly', 'half_yearly', 'yearly'] }) cadence: string;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty() dueDate: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) statusReason: string | null;
  @ApiProperty() version: number;
}

export class MyPeriodDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() label: string;
  @ApiProperty() dueDate: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ description: '本单位本期的进展与协办情况条数' }) total: number;
  @ApiProperty({ description: '尚待填报或报送（待填报、草稿、已退回）' }) toDo: number;
  @ApiProperty({ description: '已报送或已采纳' }) done: number;
}

export class OpenedPeriodDto extends PeriodDto {
  @ApiProperty({ description: '本期应报份数' }) expected: number;
}

export class ScheduleViewDto {
  @ApiProperty() planId: string;
  @ApiProperty({ enum: ['monthly', 'quarterly', 'half_yearly', 'yearly'] }) cadence: string;
  @ApiProperty() dueDay: number;
}
