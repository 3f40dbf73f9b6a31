// What the screens read from the service, one type per response. client.ts returns these for the routes
// listed in `Views` below, and conformance.ts checks each against the response the OpenAPI document
// declares for that route: a field a screen reads that the document no longer promises fails the type
// check (`npm run api:check` regenerates the document's types first).
import type { Mismatches } from './conformance';
import type { paths } from './schema';

export type Role = 'system_admin' | 'office_admin' | 'leader' | 'unit_head' | 'unit_reporter' | 'evaluator';
export type LightColor = 'green' | 'yellow' | 'red';
export type ReportState = 'pending' | 'draft' | 'submitted' | 'returned' | 'accepted';
export type ProgressStatus = 'not_started' | 'on_track' | 'at_risk' | 'delayed' | 'completed';
export type ExtensionStatus = 'pending' | 'approved' | 'rejected';

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  mustChangePassword: boolean;
  planWide: boolean;
}

// PlanDto, UnitDto, WorkItemDto and PlanNodeDto exist in the service's code but no route names them
// as its response yet, so the document leaves them out; these mirror them field by field.
export interface Plan {
  id: string;
  title: string;
  documentNumber: string | null;
  status: 'draft' | 'issued' | 'archived';
  version: number;
  visibility: 'public' | 'internal' | 'restricted';
  horizonStartYear: number | null;
  horizonEndYear: number | null;
  issuingUnitId: string | null;
  jurisdictionId: string;
  parentPlanId: string | null;
  implicitSupportingUnitIds: string[];
  workItemCount: number;
  rowVersion: number;
}

export type UnitKind = 'province' | 'city' | 'county' | 'town' | 'park' | 'department' | 'party_organ' | 'enterprise' | 'office' | 'collective' | 'other';

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  level: 'province' | 'city' | 'county' | 'town' | null;
  parentId: string | null;
  aliases: string[];
  memberKind: UnitKind | null;
  rowVersion: number;
}

export interface Assignment {
  unitId: string;
  unitName: string;
  role: 'lead' | 'supporting';
  principal: boolean;
  source: 'table' | 'implicit' | 'fanout';
  viaUnitName: string | null;
  cellText: string | null;
}

export interface Target {
  year: number | null;
  comparator: string;
  value: number | null;
  unit: string | null;
  baselineYear: number | null;
  firmness: string | null;
  text: string;
}

export interface Deadline {
  /** superior: 按上级部署, no date of its own. */
  kind: 'dated' | 'period' | 'recurring' | 'ongoing' | 'soft' | 'superior';
  date: string | null;
  periodStart: string | null;
  before: boolean;
  basis: string;
  text: string;
}

export interface WorkItem {
  id: string;
  planId: string;
  seq: string;
  itemNo: number;
  area: { id: string; label: string | null; title: string } | null;
  measure: { id: string; title: string } | null;
  text: string;
  unassigned: boolean;
  assignments: Assignment[];
  /** Units a re-import took off the item: kept for the record. */
  endedAssignments: { unitId: string; unitName: string; role: 'lead' | 'supporting'; endedAt: string }[];
  targets: Target[];
  deadlines: Deadline[];
  light: LightColor | null;
  lightReasons: LightReason[];
  extendedTo: string | null;
}

export interface PlanNode {
  id: string;
  level: 'area' | 'measure';
  label: string | null;
  title: string;
  children: PlanNode[];
  workItems: { id: string; seq: string; itemNo: number; text: string }[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface LightReason {
  code: string;
  /** null: no data yet to judge (NO_DATA_YET), shown as 未评定 rather than red. */
  light: LightColor | null;
  message: string;
}

export interface ItemLights {
  workItemId: string;
  light: LightColor | null;
  reasons: LightReason[];
  computedAt: string | null;
  units: { unitId?: string; unitName?: string; role?: 'lead' | 'supporting'; light: LightColor | null; reasons: LightReason[] }[];
  /** unitId null: the item's own light; otherwise one responsible unit's. */
  history: { unitId: string | null; unitName?: string; role?: 'lead' | 'supporting'; from: LightColor | null; to: LightColor | null; reasons: LightReason[]; at: string }[];
}

export interface Period {
  id: string;
  planId: string;
  label: string;
  cadence: 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';
  startDate: string;
  endDate: string;
  dueDate: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  /** Why it was closed, reopened, or opened out of the usual time. */
  statusReason: string | null;
  version: number;
}

export interface Evidence {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface ReportContent {
  status: ProgressStatus | null;
  percent: number | null;
  done: string | null;
  problems: string | null;
  nextSteps: string | null;
}

export interface Report extends ReportContent {
  id: string;
  periodId: string;
  period: { label: string; dueDate: string; status: 'open' | 'closed' };
  workItemId: string;
  workItem: { seq: string; itemNo: number; text: string };
  unitId: string;
  unitName: string;
  kind: 'report' | 'contribution';
  state: ReportState;
  returnReason: string | null;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  /** Set when a re-import took the item away from the unit: the report stays, read-only. */
  assignmentEndedAt: string | null;
  version: number;
  evidence: Evidence[];
}

export interface ReportDetail extends Report {
  contributions: Report[];
  history: { version: number; action: string; state: ReportState; content: ReportContent; reason: string | null; actorId: string | null; at: string }[];
}

export interface BatchItem extends Report {
  prefill: ReportContent | null;
  contributions: Report[];
}

export interface BatchScreen {
  period: { id: string; label: string; dueDate: string; status: 'open' | 'closed' };
  items: BatchItem[];
}

export interface Extension {
  id: string;
  workItemId: string;
  unitId: string;
  unitName: string;
  reason: string;
  originalDate: string;
  requestedDate: string;
  status: ExtensionStatus;
  decidedAt: string | null;
  decisionReason: string | null;
  version: number;
  createdAt: string;
}

export interface LightCounts {
  green: number;
  yellow: number;
  red: number;
  none: number;
}

export interface Dashboard {
  today: string;
  /** areaId null: items that hang off no action area. */
  byAreaLight: ({ areaId: string | null; label: string | null; title: string } & LightCounts)[];
  byUnitLight: ({ unitId: string; unitName: string } & LightCounts)[];
  overdue: { workItemId: string; seq: string; itemNo: number; text: string; reasons: LightReason[] }[];
  unitsWithMissingReports: { unitId: string; unitName: string; periodId: string; period: string; missing: number }[];
  /** The periods with reports due in the caller's scope, newest first. */
  periods: { id: string; label: string; dueDate: string }[];
  /** The period `reporting` shows: the one asked for, else the latest whose due date has passed. */
  periodId: string | null;
  reporting: {
    unitId: string;
    unitName: string;
    periodId: string;
    period: string;
    dueDate: string;
    expected: number;
    submitted: number;
    onTime: number;
    missing: number;
    /** null while nothing was expected yet. */
    onTimeRate: number | null;
  }[];
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actor: { id: string | null; name: string | null; unitId: string | null } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientIp: string | null;
}

export interface Mention {
  text: string;
  name: string;
  status: 'matched' | 'unknown' | 'collective';
  members?: string[];
}

export interface RowDeadline {
  kind: Deadline['kind'];
  date: string | null;
  periodStart: string | null;
  before: boolean;
  text: string;
  basis: string;
  clause?: string;
  /** plan: the year came from the plan year; missing: no year anywhere (the deadline has no date). */
  year?: 'plan' | 'missing';
}

export interface ImportRow {
  line: number;
  seq: string;
  item: number;
  area: string | null;
  measure: string | null;
  work: string;
  responsibilitySource: 'columns' | 'text' | 'none';
  lead: Mention | null;
  coLeads: Mention[];
  supporting: Mention[];
  targets: { year: number | null; text: string; comparator: string; value: number | null; unit: string | null; firmness: string | null }[];
  /** Every deadline milestone of the row, in order. */
  deadlines: RowDeadline[];
  problems: { level: 'error' | 'warning'; code: string; field?: string; message: string }[];
}

/** What the service proposes for a name it does not know. */
export interface UnitProposal {
  name: string;
  texts: string[];
  /** Lines of the file where the name occurs. */
  occurrences: number[];
  action: 'alias' | 'create' | 'choose' | 'not_unit';
  aliasOf?: { id: string; name: string };
  candidates?: { id: string; name: string }[];
  kind?: string;
  parent?: { relation: 'jurisdiction' | 'superior' | 'department' | 'unknown'; name: string | null; id?: string };
  evidence: string[];
}

export interface ImportReport {
  summary: {
    rows: number;
    items: number;
    units: { matched: number; unknown: number; collective: number };
    unknownNames: string[];
    errors: number;
    warnings: number;
    skippedLines: number[];
    format: 'xlsx' | 'csv' | 'docx' | 'text';
    layout: 'table' | 'document';
    planYear: { year: number; source: 'option' | 'document' } | null;
    unknownUnits: UnitProposal[];
    assignmentProposals: { kind: string; remark: string; line: number; unit: string; role: 'lead' | 'supporting' }[];
    /** 「下述工作事项均需…落实，不再重复列出」 as read from a document plan. */
    implicitUnits: { text: string; names: string[]; line: number } | null;
  };
  /** Problems of the file as a whole (not of one row). */
  problems: { level: 'error' | 'warning'; code: string; message: string; lines: number[] }[];
  rows: ImportRow[];
}

export interface ImportChanges {
  created: { seq: string; item: number }[];
  updated: { seq: string; item: number; fields: string[] }[];
  unchanged: number;
  notInFile: { seq: string; item: number }[];
  assignments: { added: number; ended: number; reactivated: number };
  /** Reports in open rounds whose unit left the item or changed role: kept, and listed for the office. */
  affectedReports: { reportId: string; seq: string; item: number; unitId: string; period: string; state: string; change: 'assignment_ended' | 'role_changed' }[];
  /** What the office's decisions on unknown names did, in the same transaction. */
  onboarding?: { created: { id: string; name: string; kind: string }[]; aliased: { name: string; unitId: string; unitName: string }[]; excluded: string[]; skipped: string[] } | null;
  implicitUnitsSet?: string[];
  proposalsAdded?: number;
}

export interface ImportCommit extends ImportReport {
  importId: string;
  changes: ImportChanges;
}

export interface ImportRun {
  id: string;
  fileName: string;
  sha256: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  changes: ImportChanges;
  createdAt: string;
}

/** Accounts opened for every unit with work in a plan; the one-time passwords appear in this answer only. */
export interface ProvisionResult {
  created: { unitId: string; unitName: string; username: string; displayName: string; role: 'unit_reporter' | 'unit_head'; password?: string }[];
  existing: { unitId: string; unitName: string; username: string; displayName: string; role: 'unit_reporter' | 'unit_head' }[];
}

/** A reviewer's remark in a draft plan (「科技局建议删除」), kept as a proposal the office decides. */
export interface AssignmentProposal {
  id: string;
  planId: string;
  workItemId: string;
  workItem: { seq: string; itemNo: number; text: string };
  unitId: string;
  unitName: string;
  role: 'lead' | 'supporting';
  kind: 'remove' | 'to_supporting' | 'to_lead' | 'transfer' | 'comment';
  kindName: string;
  remark: string;
  transferTo: string | null;
  status: 'open' | 'accepted' | 'rejected';
  decidedAt: string | null;
  decisionReason: string | null;
  version: number;
  createdAt: string;
}

/** One answer for both: a dry run has no importId and no changes. */
export type ImportAnswer = ImportReport & Partial<Pick<ImportCommit, 'importId' | 'changes'>>;

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  mustChangePassword: boolean;
  rowVersion: number;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The view each route's answer is read as (routes not listed are read as the document declares them). */
export interface Views {
  '/api/v1/auth/me': { get: Me };
  '/api/v1/auth/logout': { post: void };
  '/api/v1/auth/password': { post: void };
  '/api/v1/users/{id}/reset-password': { post: void };
  '/api/v1/plans': { get: Plan[]; post: Plan };
  '/api/v1/plans/{id}': { get: Plan; patch: Plan };
  '/api/v1/plans/{id}/structure': { get: PlanNode[] };
  '/api/v1/units': { get: Page<Unit>; post: Unit };
  '/api/v1/units/{id}': { get: Unit; patch: Unit };
  '/api/v1/work-items': { get: Page<WorkItem> };
  '/api/v1/work-items/{id}': { get: WorkItem };
  '/api/v1/work-items/{id}/lights': { get: ItemLights };
  '/api/v1/plans/{planId}/imports': { post: ImportAnswer; get: ImportRun[] };
  '/api/v1/plans/{planId}/assignment-proposals': { get: AssignmentProposal[] };
  '/api/v1/assignment-proposals/{id}/accept': { post: AssignmentProposal };
  '/api/v1/assignment-proposals/{id}/reject': { post: AssignmentProposal };
  '/api/v1/plans/{planId}/periods': { get: Period[]; post: Period & { expected: number } };
  '/api/v1/periods/{periodId}/close': { post: Period };
  '/api/v1/periods/{periodId}/reopen': { post: Period };
  '/api/v1/periods/{periodId}/reports': { get: Report[] };
  '/api/v1/periods/{periodId}/my-reports': { get: BatchScreen; post: Report[] };
  '/api/v1/reports/{id}': { get: ReportDetail; put: Report };
  '/api/v1/reports/{id}/sign-off': { post: Report };
  '/api/v1/reports/{id}/accept': { post: Report };
  '/api/v1/reports/{id}/return': { post: Report };
  '/api/v1/reports/{id}/reopen': { post: Report };
  '/api/v1/reports/{reportId}/evidence': { post: Evidence };
  '/api/v1/work-items/{id}/extensions': { post: Extension };
  '/api/v1/extensions': { get: Extension[] };
  '/api/v1/extensions/{id}/approve': { post: Extension };
  '/api/v1/extensions/{id}/reject': { post: Extension };
  '/api/v1/dashboard': { get: Dashboard };
  '/api/v1/audit-events': { get: AuditEvent[] };
  '/api/v1/audit-events/search': { get: Page<AuditEvent> };
  '/api/v1/plans/{planId}/accounts': { post: ProvisionResult };
  '/api/v1/users': { get: UserView[]; post: UserView };
  '/api/v1/users/{id}': { get: UserView; patch: UserView };
}

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The 2xx JSON body the document declares for a route (never when it declares none). */
export type Declared<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R } ? JsonOf<R[200 & keyof R]> | JsonOf<R[201 & keyof R]> : never;

export type ViewMismatches = {
  [P in keyof Views]: {
    [M in keyof Views[P]]: P extends keyof paths ? (M extends Method ? Mismatches<Declared<P, M>, Views[P][M], `${P} ${M}`> : never) : `${P}: 文档中没有这个接口`;
  }[keyof Views[P]];
}[keyof Views];

/** Fails the type check, naming the route and field, when a view reads what the document does not promise. */
// The prefix makes tsc print each mismatch instead of the alias' name.
type Listed<T> = T extends string ? `不符合文档：${T}` : never;
export const viewsConformToDocument: [ViewMismatches] extends [never] ? true : Listed<ViewMismatches> = true;
