// Every screen of the console in one table: its address, title, menu entry and who may open it.
// A new screen (reminders, year-end, indicators, assessment) is one entry here and one lazy module.
import type { ComponentType } from 'react';
import type { Permission } from './permissions';

export interface ScreenRoute {
  path: string;
  title: string;
  /** Shown in the side menu under this label (menu entries are listed in this order). */
  menu?: string;
  icon?: string;
  /** The service permission the screen needs; without it the screen says so and offers the way home. */
  permission?: Permission;
  /** Only for people who report for a unit (the office's own accounts have no unit reports). */
  unitUsersOnly?: boolean;
  /** Only for people who see the whole plan (office, leaders, evaluators). */
  planWideOnly?: boolean;
  /** Left out of the menu for people who also hold this permission (they reach the same work another way). */
  menuHiddenWith?: Permission;
  load: () => Promise<{ default: ComponentType }>;
}

export const SCREENS: ScreenRoute[] = [
  { path: 'dashboard', title: '工作台', menu: '工作台', icon: 'dashboard', permission: 'dashboard:read', load: () => import('../pages/dashboard/DashboardPage') },
  { path: 'my-reports', title: '本单位填报', menu: '本单位填报', icon: 'form', permission: 'reports:write', unitUsersOnly: true, load: () => import('../pages/reporting/MyReportsPage') },
  { path: 'work-items', title: '工作事项', menu: '工作事项', icon: 'unordered-list', permission: 'work-items:read', load: () => import('../pages/work-items/WorkItemsPage') },
  { path: 'work-items/:id', title: '工作事项详情', permission: 'work-items:read', load: () => import('../pages/work-items/WorkItemPage') },
  { path: 'reporting', title: '调度与审核', menu: '调度与审核', icon: 'audit', permission: 'periods:manage', load: () => import('../pages/reporting/ReviewPage') },
  { path: 'reports/:id', title: '进展报告', permission: 'reports:read', load: () => import('../pages/reporting/ReportPage') },
  { path: 'extensions', title: '延期申请', menu: '延期申请', icon: 'clock', permission: 'work-items:read', load: () => import('../pages/extensions/ExtensionsPage') },
  { path: 'notifications', title: '消息', menu: '消息', icon: 'bell', permission: 'self', load: () => import('../pages/notifications/NotificationsPage') },
  { path: 'notices', title: '督办单', menu: '督办单', icon: 'flag', permission: 'work-items:read', load: () => import('../pages/notices/NoticesPage') },
  { path: 'notices/:id', title: '督办单详情', permission: 'work-items:read', load: () => import('../pages/notices/NoticePage') },
  { path: 'year-end', title: '年度报告', menu: '年度报告', icon: 'file-text', permission: 'reports:read', load: () => import('../pages/year-end/YearEndPage') },
  { path: 'annual-reports/:id', title: '年度报告', permission: 'reports:read', load: () => import('../pages/year-end/AnnualReportPage') },
  // 指标: the indicator catalogue, yearly actuals (units enter, the office verifies) and the targets' evaluation.
  { path: 'indicators', title: '指标', menu: '指标', icon: 'line-chart', permission: 'plans:read', load: () => import('../pages/indicators/IndicatorsPage') },
  // Reminders and message delivery (催办设置, 通知渠道与发送记录): the office's screens over src/reminders and src/notifications.
  { path: 'reminders', title: '催办设置', menu: '催办设置', icon: 'alarm', permission: 'reminders:manage', load: () => import('../pages/reminders/RemindersPage') },
  { path: 'notification-deliveries', title: '通知渠道与发送记录', menu: '通知发送', icon: 'send', permission: 'notifications:manage', load: () => import('../pages/deliveries/DeliveriesPage') },
  // 考核 (assessment): the unit's own sheet; the office's rounds (考核管理), a round, a unit's sheet; the evaluator's scoring.
  { path: 'assessment', title: '考核', menu: '考核', icon: 'trophy', permission: 'assessment:self', unitUsersOnly: true, load: () => import('../pages/assessment/AssessmentPage') },
  { path: 'assessment-rounds', title: '考核管理', menu: '考核管理', icon: 'trophy', permission: 'assessment:manage', planWideOnly: true, load: () => import('../pages/assessment/RoundsPage') },
  { path: 'assessment-schemes/:id', title: '编辑考核方案', permission: 'assessment:manage', planWideOnly: true, load: () => import('../pages/assessment/SchemeEditPage') },
  { path: 'assessment-rounds/:id', title: '年度考核', permission: 'assessment:read', planWideOnly: true, load: () => import('../pages/assessment/RoundPage') },
  { path: 'assessment-rounds/:id/sheets/:unitId', title: '单位评分表', permission: 'assessment:read', planWideOnly: true, load: () => import('../pages/assessment/SheetPage') },
  // The office may score too, but does it by adjusting on the round's sheets: the evaluator's list is not in its menu.
  // Leaders (and evaluators) read the rounds and results on the same screens, without their write buttons.
  { path: 'assessment-results', title: '考核结果', menu: '考核结果', icon: 'trophy', permission: 'assessment:read', planWideOnly: true, menuHiddenWith: 'assessment:manage', load: () => import('../pages/assessment/RoundsPage') },
  { path: 'assessment-evaluation', title: '考核评分', menu: '考核评分', icon: 'form', permission: 'assessment:evaluate', planWideOnly: true, menuHiddenWith: 'assessment:manage', load: () => import('../pages/assessment/EvaluationPage') },
  { path: 'plans', title: '实施方案', menu: '实施方案', icon: 'book', permission: 'plans:read', load: () => import('../pages/plans/PlansPage') },
  { path: 'plans/new', title: '新建方案', permission: 'plans:write', load: () => import('../pages/plans/PlanFormPage') },
  { path: 'plans/:planId', title: '方案详情', permission: 'plans:read', load: () => import('../pages/plans/PlanPage') },
  { path: 'plans/:planId/import', title: '导入任务分工表', permission: 'imports:write', load: () => import('../pages/imports/ImportPage') },
  { path: 'units', title: '单位管理', menu: '单位管理', icon: 'apartment', permission: 'units:write', load: () => import('../pages/units/UnitsPage') },
  { path: 'audit', title: '审计记录', menu: '审计记录', icon: 'history', permission: 'audit:verify', load: () => import('../pages/audit/AuditPage') },
  { path: 'users', title: '用户管理', menu: '用户管理', icon: 'team', permission: 'users:write', load: () => import('../pages/users/UsersPage') },
];
