import { Tag, Tooltip } from 'antd';
import { EXTENSION_STATUS_COLORS, EXTENSION_STATUS_NAMES, LIGHT_COLORS, LIGHT_NAMES, REPORT_STATE_COLORS, REPORT_STATE_NAMES } from '../api/labels';
import type { ExtensionStatus, LightColor, LightReason, ReportState } from '../api/views';

/** A light as colour and word (never colour alone), with its reasons on hover and focus. */
export function LightTag({ light, reasons }: { light: LightColor | null | undefined; reasons?: LightReason[] }) {
  const tag = (
    <Tag color={light ? LIGHT_COLORS[light] : undefined} style={{ marginInlineEnd: 0 }} tabIndex={reasons?.length ? 0 : undefined} data-light={light ?? 'none'}>
      {light ? LIGHT_NAMES[light] : '未评定'}
    </Tag>
  );
  if (!reasons?.length) return tag;
  return <Tooltip title={reasons.map((r) => r.message).join('；')}>{tag}</Tooltip>;
}

/** A contribution is received (接收) by the lead, a report accepted (采纳) by the office: same state, own word. */
export function ReportStateTag({ state, kind = 'report' }: { state: ReportState; kind?: 'report' | 'contribution' }) {
  return <Tag color={REPORT_STATE_COLORS[state]}>{state === 'accepted' && kind === 'contribution' ? '已接收' : REPORT_STATE_NAMES[state]}</Tag>;
}

export function ExtensionStatusTag({ status }: { status: ExtensionStatus }) {
  return <Tag color={EXTENSION_STATUS_COLORS[status]}>{EXTENSION_STATUS_NAMES[status]}</Tag>;
}

export function RoleTag({ role }: { role: 'lead' | 'supporting' }) {
  return role === 'lead' ? <Tag color="geekblue">牵头</Tag> : <Tag>配合</Tag>;
}
