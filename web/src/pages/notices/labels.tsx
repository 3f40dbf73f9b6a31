import { Tag } from 'antd';

export type NoticeLevel = 'urge' | 'supervise' | 'listed';
export type NoticeState = 'issued' | 'acknowledged' | 'replied' | 'closed';

export const LEVEL_LABELS: Record<NoticeLevel, string> = { urge: '催办', supervise: '督办', listed: '挂牌督办' };
const LEVEL_COLORS: Record<NoticeLevel, string> = { urge: 'blue', supervise: 'gold', listed: 'red' };
export const STATE_LABELS: Record<NoticeState, string> = { issued: '待签收', acknowledged: '已签收待答复', replied: '已答复待办结', closed: '已办结' };
const STATE_COLORS: Record<NoticeState, string> = { issued: 'orange', acknowledged: 'processing', replied: 'cyan', closed: 'success' };

/** The level as word and colour (蓝 催办, 黄 督办, 红 挂牌督办): never colour alone. */
export function LevelTag({ level }: { level: NoticeLevel }) {
  return (
    <Tag color={LEVEL_COLORS[level]} data-level={level}>
      {LEVEL_LABELS[level]}
    </Tag>
  );
}

export function NoticeStateTag({ state }: { state: NoticeState }) {
  return (
    <Tag color={STATE_COLORS[state]} data-state={state}>
      {STATE_LABELS[state]}
    </Tag>
  );
}
