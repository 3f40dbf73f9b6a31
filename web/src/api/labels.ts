// Chinese names of the service's codes, in one place so every screen says the same thing.
import type { ExtensionStatus, LightColor, ProgressStatus, ReportState, Role, UnitKind } from './views';

export const ROLE_NAMES: Record<Role, string> = {
  system_admin: '系统管理员',
  office_admin: '领导小组办公室',
  leader: '领导（只读）',
  unit_head: '单位负责人（审核）',
  unit_reporter: '单位填报员',
  evaluator: '评估人员',
};

export const LIGHT_NAMES: Record<LightColor, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
export const LIGHT_COLORS: Record<LightColor | 'none', string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d', none: '#bfbfbf' };

export const REPORT_STATE_NAMES: Record<ReportState, string> = {
  pending: '待填报',
  draft: '草稿',
  submitted: '已报送',
  returned: '已退回',
  accepted: '已采纳',
};
export const REPORT_STATE_COLORS: Record<ReportState, string> = {
  pending: 'default',
  draft: 'processing',
  submitted: 'blue',
  returned: 'error',
  accepted: 'success',
};

export const PROGRESS_STATUS_NAMES: Record<ProgressStatus, string> = {
  not_started: '未启动',
  on_track: '按计划推进',
  at_risk: '存在风险',
  delayed: '滞后',
  completed: '已完成',
};

export const EXTENSION_STATUS_NAMES: Record<ExtensionStatus, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回' };
export const EXTENSION_STATUS_COLORS: Record<ExtensionStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error' };

export const UNIT_KIND_NAMES: Record<UnitKind, string> = {
  province: '省（区）',
  city: '市',
  county: '县（市、区）',
  town: '乡镇（街道）',
  park: '园区',
  department: '部门',
  party_organ: '党委部门',
  enterprise: '企业',
  office: '领导小组办公室',
  collective: '集合单位',
  other: '其他',
};

export const PLAN_STATUS_NAMES = { draft: '草案', issued: '已印发', archived: '已归档' } as const;
export const PLAN_VISIBILITY_NAMES = { public: '公开', internal: '内部', restricted: '限定范围' } as const;
export const CADENCE_NAMES = { monthly: '每月', quarterly: '每季度', half_yearly: '每半年', yearly: '每年' } as const;

export const COMPARATOR_NAMES: Record<string, string> = {
  at_least: '不低于',
  at_most: '不高于',
  about: '约',
  reduce_by: '降低',
  increase_by: '提高',
  assigned: '完成上级下达',
  milestone: '节点任务',
};
export const FIRMNESS_NAMES: Record<string, string> = { aspirational: '力争', binding: '确保' };

export const DEADLINE_KIND_NAMES: Record<string, string> = {
  dated: '到期',
  period: '期间',
  recurring: '每年',
  ongoing: '持续推进',
  soft: '无明确时限',
  superior: '按上级部署',
};

export const ASSIGNMENT_SOURCE_NAMES: Record<string, string> = { table: '分工表列明', implicit: '方案统一列明', fanout: '集合单位展开' };

export const MENTION_STATUS_NAMES = { matched: '已匹配', unknown: '未识别', collective: '集合单位' } as const;

export const REPORT_ACTION_NAMES: Record<string, string> = {
  'report.saved': '保存',
  'report.signed_off': '审核报送',
  'report.accepted': '采纳',
  'report.returned': '退回',
  'report.reopened': '重新打开',
};

/** Audit actions in words; unknown ones show their code so nothing is hidden. */
export const AUDIT_ACTION_NAMES: Record<string, string> = {
  'plan.created': '新建方案',
  'plan.updated': '修改方案',
  'plan.schedule_set': '设置调度频次',
  'period.opened': '开启调度',
  'import.committed': '导入任务分工表',
  'extension.requested': '申请延期',
  'extension.approved': '批准延期',
  'extension.rejected': '驳回延期',
  'unit.created': '新建单位',
  'unit.updated': '修改单位',
  'user.created': '新建用户',
  'user.updated': '修改用户',
  'user.password_reset': '重置密码',
  'report.saved': '保存进展',
  'report.signed_off': '审核报送进展',
  'report.accepted': '采纳进展',
  'report.returned': '退回进展',
  'report.reopened': '重新打开进展',
  'period.closed': '结束调度',
  'period.reopened': '重新开启调度',
  'plan.light_rules_set': '设置红黄绿灯规则',
  'user.bootstrap_admin': '初始化管理员',
  'user.roles_changed': '调整角色',
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.login_refused_locked': '登录被拒（账号锁定）',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'auth.refresh_reused': '刷新令牌被重复使用（已吊销该会话）',
  'audit.exported': '导出审计记录',
  'evidence.uploaded': '上传佐证材料',
  'unit.alias_added': '添加单位别名',
  'proposal.accepted': '采纳分工修改意见',
  'proposal.rejected': '不采纳分工修改意见',
};

export const PERIOD_STATUS_NAMES = { open: '进行中', closed: '已结束' } as const;
