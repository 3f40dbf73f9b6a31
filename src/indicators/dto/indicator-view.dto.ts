import { ApiProperty } from '@nestjs/swagger';

export class IndicatorDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) synonyms: string[];
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ enum: ['higher', 'lower'] }) direction: string;
}

export class TargetLinkDto {
  @ApiProperty() targetId: string;
  @ApiProperty() workItemId: string;
  @ApiProperty() seq: string;
  @ApiProperty() text: string;
  @ApiProperty() comparator: string;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty({ type: Number, nullable: true }) baselineYear: number | null;
  @ApiProperty({ type: String, nullable: true }) firmness: string | null;
  @ApiProperty({ type: String, nullable: true }) indicatorId: string | null;
  @ApiProperty({ type: String, nullable: true }) indicatorName: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['suggested', 'confirmed'] }) linkStatus: string | null;
  @ApiProperty({ type: Number, nullable: true }) assignedValue: number | null;
  @ApiProperty({ type: Number, nullable: true }) baselineValue: number | null;
}

export class ActualEvidenceDto {
  @ApiProperty() fileName: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() sha256: string;
}

export class ActualDto {
  @ApiProperty() id: string;
  @ApiProperty() indicatorId: string;
  @ApiProperty() indicatorName: string;
  @ApiProperty() year: number;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() value: number;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ enum: ['statistics', 'self_reported', 'estimate'] }) source: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true, description: '填报人' }) reportedBy: string | null;
  @ApiProperty({ enum: ['unverified', 'verified', 'disputed'] }) verification: string;
  @ApiProperty({ type: String, nullable: true }) verificationReason: string | null;
  @ApiProperty({ type: String, nullable: true }) verifiedAt: string | null;
  @ApiProperty({ type: ActualEvidenceDto, nullable: true, description: '佐证材料' }) evidence: ActualEvidenceDto | null;
  @ApiProperty() version: number;
}

export class TargetEvaluationDto {
  @ApiProperty() targetId: string;
  @ApiProperty() seq: string;
  @ApiProperty({ type: String, nullable: true }) area: string | null;
  @ApiProperty() text: string;
  @ApiProperty() indicatorId: string;
  @ApiProperty() indicatorName: string;
  @ApiProperty() comparator: string;
  @ApiProperty({ type: Number, nullable: true, description: '目标值（下达类为办公室录入的分解值）' }) value: number | null;
  @ApiProperty({ type: Number, nullable: true }) actual: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['unverified', 'verified', 'disputed'] }) verification: string | null;
  @ApiProperty() evaluatedYear: number;
  @ApiProperty({ enum: ['achieved', 'not_achieved', 'unknown'] }) outcome: string;
  @ApiProperty({ description: '算式说明（如「实际 512 万千瓦 ≥ 目标 500 万千瓦」）' }) explanation: string;
}

export class CascadeGapDto {
  @ApiProperty() indicatorName: string;
  @ApiProperty() childPlanId: string;
  @ApiProperty() childPlanTitle: string;
  @ApiProperty() childTarget: string;
  @ApiProperty() parentTarget: string;
  @ApiProperty() explanation: string;
}

class ImportedActualRowDto {
  @ApiProperty() line: number;
  @ApiProperty() indicator: string;
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty() unit: string;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ enum: ['create', 'replace', 'unchanged', 'invalid'] }) action: string;
}

class ImportProblemDto {
  @ApiProperty() line: number;
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ActualsImportReportDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty() fileName: string;
  @ApiProperty({ type: [ImportedActualRowDto] }) rows: ImportedActualRowDto[];
  @ApiProperty({ type: [ImportProblemDto] }) errors: ImportProblemDto[];
  @ApiProperty() create: number;
  @ApiProperty() replace: number;
  @ApiProperty() unchanged: number;
}
