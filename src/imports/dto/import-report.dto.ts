import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class RemarkDto {
  @ApiProperty({ enum: ['remove', 'to_supporting', 'to_lead', 'transfer', 'comment'] }) kind: string;
  @ApiProperty({ description: '审阅意见原文' }) remark: string;
  @ApiPropertyOptional() transferTo?: string;
}

class MentionDto {
  @ApiProperty({ description: '表中原文' }) text: string;
  @ApiProperty({ description: '识别出的单位名称（未识别时为原文）' }) name: string;
  @ApiProperty({ enum: ['matched', 'unknown', 'collective'] }) status: string;
  @ApiPropertyOptional({ type: [String], description: '集合单位展开后的成员' }) members?: string[];
  @ApiPropertyOptional({ description: '名称后的限定（如「含街道、园区」）' }) qualifier?: string;
  @ApiPropertyOptional({ type: RemarkDto, description: '审阅意见（如「建议删除」）' }) proposal?: RemarkDto;
  @ApiPropertyOptional({ description: '内设处室所属的部门' }) parent?: string;
}

class RowDeadlineFullDto {
  @ApiProperty({ enum: ['dated', 'period', 'recurring', 'ongoing', 'soft', 'superior'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) date: string | null;
  @ApiProperty({ type: String, nullable: true }) periodStart: string | null;
  @ApiProperty() before: boolean;
  @ApiProperty() text: string;
  @ApiProperty() basis: string;
  @ApiPropertyOptional() clause?: string;
  @ApiPropertyOptional({ enum: ['plan', 'missing'], description: 'plan：按方案年度确定的年份；missing：未写年份且未设定方案年度' }) year?: string;
}

class HeadingRefDto {
  @ApiProperty({ type: String, nullable: true }) printed: string | null;
  @ApiProperty() title: string;
  @ApiProperty() level: number;
}

class PrintedNumberDto {
  @ApiProperty({ description: '编号原文' }) printed: string;
  @ApiProperty() style: string;
  @ApiProperty() level: number;
  @ApiProperty() value: number;
}

class PartDto {
  @ApiProperty() label: string;
  @ApiProperty() text: string;
}

class RowTargetDto {
  @ApiProperty({ type: Number, nullable: true }) year: number | null;
  @ApiProperty() text: string;
  @ApiProperty() comparator: string;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: String, nullable: true }) firmness: string | null;
}

class RowDeadlineDto {
  @ApiProperty() kind: string;
  @ApiProperty({ type: String, nullable: true }) date: string | null;
  @ApiProperty() text: string;
  @ApiProperty() basis: string;
}

class RowProblemDto {
  @ApiProperty({ enum: ['error', 'warning'] }) level: string;
  @ApiProperty() code: string;
  @ApiPropertyOptional() field?: string;
  @ApiProperty() message: string;
}

class ImportRowDto {
  @ApiProperty({ description: '文件中的行号' }) line: number;
  @ApiProperty() seq: string;
  @ApiProperty() item: number;
  @ApiProperty({ type: String, nullable: true }) area: string | null;
  @ApiProperty({ type: String, nullable: true }) measure: string | null;
  @ApiProperty() work: string;
  @ApiProperty({ enum: ['columns', 'text', 'none'] }) responsibilitySource: string;
  @ApiProperty({ type: MentionDto, nullable: true }) lead: MentionDto | null;
  @ApiProperty({ type: [MentionDto] }) coLeads: MentionDto[];
  @ApiProperty({ type: [MentionDto] }) supporting: MentionDto[];
  @ApiProperty({ type: [RowTargetDto] }) targets: RowTargetDto[];
  @ApiProperty({ type: RowDeadlineDto, nullable: true }) deadline: RowDeadlineDto | null;
  @ApiProperty({ type: [RowProblemDto] }) problems: RowProblemDto[];
  @ApiProperty({ description: '事项在方案中的标识（再次导入按此对应）' }) identity: string;
  @ApiProperty({ type: PrintedNumberDto, nullable: true }) number: PrintedNumberDto | null;
  @ApiProperty({ type: [HeadingRefDto] }) headingPath: HeadingRefDto[];
  @ApiProperty() sortKey: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: [PartDto] }) parts: PartDto[];
  @ApiProperty({ type: String, nullable: true, description: '责任单位原文（从正文读出时）' }) responsibilityClause: string | null;
  @ApiProperty({ type: [RowDeadlineFullDto], description: '全部时间节点' }) deadlines: RowDeadlineFullDto[];
  @ApiProperty({ type: [String], description: '「等有关部门」之类的笼统表述' }) vague: string[];
  @ApiProperty({ type: String, nullable: true }) readingNote: string | null;
}

class ProposalParentDto {
  @ApiProperty({ enum: ['jurisdiction', 'superior', 'department', 'unknown'] }) relation: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiPropertyOptional() id?: string;
}

class UnitRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

class UnitProposalDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) texts: string[];
  @ApiProperty({ type: [Number] }) occurrences: number[];
  @ApiProperty({ enum: ['alias', 'create', 'choose', 'not_unit'] }) action: string;
  @ApiPropertyOptional({ type: UnitRefDto }) aliasOf?: UnitRefDto;
  @ApiPropertyOptional({ type: [UnitRefDto] }) candidates?: UnitRefDto[];
  @ApiPropertyOptional() kind?: string;
  @ApiPropertyOptional() memberKind?: string;
  @ApiPropertyOptional({ type: ProposalParentDto }) parent?: ProposalParentDto;
  @ApiProperty({ type: [String], description: '依据' }) evidence: string[];
}

class RemarkProposalDto extends RemarkDto {
  @ApiProperty() line: number;
  @ApiProperty() identity: string;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: ['lead', 'supporting'] }) role: string;
}

class PlanYearDto {
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['option', 'document'] }) source: string;
}

class ImpliedUnitsDto {
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) names: string[];
  @ApiProperty() line: number;
}

class FileProblemDto {
  @ApiProperty({ enum: ['error', 'warning'] }) level: string;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: [Number] }) lines?: number[];
}

class UnitCountsDto {
  @ApiProperty() matched: number;
  @ApiProperty() unknown: number;
  @ApiProperty() collective: number;
}

class ImportSummaryDto {
  @ApiProperty() rows: number;
  @ApiProperty() items: number;
  @ApiProperty({ type: UnitCountsDto }) units: UnitCountsDto;
  @ApiProperty({ type: [String] }) unknownNames: string[];
  @ApiProperty() errors: number;
  @ApiProperty() warnings: number;
  @ApiProperty({ type: [Number] }) skippedLines: number[];
  @ApiProperty({ enum: ['xlsx', 'csv', 'docx', 'text'] }) format: string;
  @ApiProperty({ enum: ['table', 'document'] }) layout: string;
  @ApiProperty({ type: PlanYearDto, nullable: true }) planYear: PlanYearDto | null;
  @ApiProperty({ type: [Number] }) headingLines: number[];
  @ApiProperty({ type: [UnitProposalDto], description: '未识别名称的处理建议（作为别名、新建单位或不是单位）' }) unknownUnits: UnitProposalDto[];
  @ApiProperty({ type: [RemarkProposalDto] }) assignmentProposals: RemarkProposalDto[];
  @ApiProperty({ type: ImpliedUnitsDto, nullable: true }) implicitUnits: ImpliedUnitsDto | null;
}

class ItemRefDto {
  @ApiProperty() seq: string;
  @ApiProperty() item: number;
}

class UpdatedItemDto extends ItemRefDto {
  @ApiProperty({ type: [String] }) fields: string[];
}

class AssignmentChangesDto {
  @ApiProperty() added: number;
  @ApiProperty({ description: '表中不再列出的单位：任务结束，报告保留' }) ended: number;
  @ApiProperty() reactivated: number;
}

class AffectedReportDto {
  @ApiProperty() reportId: string;
  @ApiProperty() seq: string;
  @ApiProperty() item: number;
  @ApiProperty() unitId: string;
  @ApiProperty() period: string;
  @ApiProperty() state: string;
  @ApiProperty({ enum: ['assignment_ended', 'role_changed'] }) change: string;
}

class CreatedUnitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
}

class AliasedDto {
  @ApiProperty() name: string;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
}

class OnboardingResultDto {
  @ApiProperty({ type: [CreatedUnitDto] }) created: CreatedUnitDto[];
  @ApiProperty({ type: [AliasedDto] }) aliased: AliasedDto[];
  @ApiProperty({ type: [String] }) excluded: string[];
  @ApiProperty({ type: [String] }) skipped: string[];
}

class ImportChangesDto {
  @ApiProperty({ type: [ItemRefDto] }) created: ItemRefDto[];
  @ApiProperty({ type: [UpdatedItemDto] }) updated: UpdatedItemDto[];
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [ItemRefDto], description: '方案中有而文件中没有的事项（保留）' }) notInFile: ItemRefDto[];
  @ApiProperty({ type: AssignmentChangesDto }) assignments: AssignmentChangesDto;
  @ApiProperty({ type: [AffectedReportDto] }) affectedReports: AffectedReportDto[];
  @ApiPropertyOptional({ type: OnboardingResultDto, nullable: true }) onboarding?: OnboardingResultDto | null;
  @ApiPropertyOptional({ type: [String], description: '按文件中「不再重复列出」设定的隐含配合单位' }) implicitUnitsSet?: string[];
  @ApiPropertyOptional({ description: '新记录的分工修改意见条数' }) proposalsAdded?: number;
}

/** The dry-run report; a commit adds the import id and what changed. */
export class ImportReportDto {
  @ApiProperty({ type: ImportSummaryDto }) summary: ImportSummaryDto;
  @ApiProperty({ type: [FileProblemDto], description: '整个文件的问题（如像是其他地区的名单）' }) problems: FileProblemDto[];
  @ApiProperty({ type: [ImportRowDto] }) rows: ImportRowDto[];
  @ApiPropertyOptional({ description: '仅提交时返回' }) importId?: string;
  @ApiPropertyOptional({ type: ImportChangesDto, description: '仅提交时返回' }) changes?: ImportChangesDto;
}

export class ImportRunDto {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ type: Number, nullable: true, description: '导入时方案的版本号' }) planVersion: number | null;
  @ApiProperty() rows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: ImportChangesDto }) changes: ImportChangesDto;
  @ApiProperty() createdAt: string;
}
