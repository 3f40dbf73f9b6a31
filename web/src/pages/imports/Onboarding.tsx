import { Select, Table, Tag, Tooltip, Typography } from 'antd';
import { UNIT_KIND_NAMES } from '../../api/labels';
import type { UnitKind, UnitProposal } from '../../api/views';
import { filterUnitOption, unitOptions, useUnits } from '../../components/useUnits';

export type Mode = 'suggested' | 'alias' | 'create' | 'not_unit' | 'skip';
export interface Decision {
  mode: Mode;
  aliasOf?: string;
}

/** The decision the office starts from: the service's proposal, except where it asks to choose. */
export function initialDecision(p: UnitProposal): Decision {
  if (p.action === 'choose') return { mode: 'alias', aliasOf: undefined };
  return { mode: 'suggested' };
}

/** True when the decision settles the name at commit (a choice still to make, or 暂不处理, does not). */
export function settles(d: Decision | undefined): boolean {
  if (!d || d.mode === 'skip') return false;
  if (d.mode === 'alias') return !!d.aliasOf;
  return true;
}

/** The onboarding field of the commit (OnboardingDto). */
export function onboardingPayload(proposals: UnitProposal[], decisions: Record<string, Decision>) {
  return {
    decisions: proposals.map((p) => {
      const d = decisions[p.name] ?? initialDecision(p);
      if (d.mode === 'suggested') {
        if (p.action === 'alias' && p.aliasOf) return { name: p.name, action: 'alias' as const, aliasOf: p.aliasOf.id };
        if (p.action === 'not_unit') return { name: p.name, action: 'not_unit' as const };
        return { name: p.name, action: 'create' as const };
      }
      if (d.mode === 'alias') return d.aliasOf ? { name: p.name, action: 'alias' as const, aliasOf: d.aliasOf } : { name: p.name, action: 'skip' as const };
      return { name: p.name, action: d.mode };
    }),
  };
}

function suggestion(p: UnitProposal): string {
  if (p.action === 'alias') return `作为「${p.aliasOf?.name ?? '?'}」的别名`;
  if (p.action === 'not_unit') return '不是单位（如「相关企业」）';
  if (p.action === 'choose') return `在 ${p.candidates?.map((c) => c.name).join('、') ?? '候选单位'} 中选择`;
  const kind = p.kind ? (UNIT_KIND_NAMES[p.kind as UnitKind] ?? p.kind) : '单位';
  return `新建${kind}${p.parent?.name ? `（上级：${p.parent.name}）` : ''}`;
}

/** Each unknown name with the service's proposal and the office's decision, applied with the commit. */
export function OnboardingTable({ proposals, decisions, onChange }: { proposals: UnitProposal[]; decisions: Record<string, Decision>; onChange: (name: string, d: Decision) => void }) {
  const units = useUnits();
  return (
    <Table<UnitProposal>
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={proposals}
      scroll={{ x: 860 }}
      columns={[
        {
          title: '表中名称',
          width: 170,
          render: (_, p) => (
            <>
              <Typography.Text strong>{p.name}</Typography.Text>
              {p.texts.some((t) => t !== p.name) ? <div style={{ fontSize: 12 }}>写作：{p.texts.join('、')}</div> : null}
              <div style={{ fontSize: 12 }}>
                <Typography.Text type="secondary">第 {p.occurrences.slice(0, 8).join('、')} 行</Typography.Text>
              </div>
            </>
          ),
        },
        {
          title: '系统建议',
          width: 240,
          render: (_, p) => (
            <Tooltip title={p.evidence.length ? `依据：${p.evidence.join('；')}` : undefined}>
              <span tabIndex={p.evidence.length ? 0 : undefined}>{suggestion(p)}</span>
            </Tooltip>
          ),
        },
        {
          title: '处理方式',
          width: 190,
          render: (_, p) => {
            const d = decisions[p.name] ?? initialDecision(p);
            return (
              <Select<Mode>
                aria-label={`「${p.name}」的处理方式`}
                style={{ width: '100%' }}
                value={d.mode}
                onChange={(mode) => onChange(p.name, { mode, aliasOf: mode === 'alias' ? (d.aliasOf ?? p.aliasOf?.id) : undefined })}
                options={[
                  ...(p.action !== 'choose' ? [{ value: 'suggested' as const, label: '按系统建议' }] : []),
                  { value: 'alias' as const, label: '作为已有单位的别名' },
                  { value: 'create' as const, label: '新建单位' },
                  { value: 'not_unit' as const, label: '不是单位' },
                  { value: 'skip' as const, label: '暂不处理' },
                ]}
              />
            );
          },
        },
        {
          title: '对应单位',
          render: (_, p) => {
            const d = decisions[p.name] ?? initialDecision(p);
            if (d.mode !== 'alias') return d.mode === 'skip' ? <Tag color="warning">该行将无法导入</Tag> : <Typography.Text type="secondary">—</Typography.Text>;
            const candidates = new Set((p.candidates ?? []).map((c) => c.id));
            return (
              <Select
                aria-label={`「${p.name}」对应的单位`}
                placeholder="选择已有单位"
                showSearch={{ filterOption: filterUnitOption }}
                status={d.aliasOf ? undefined : 'error'}
                style={{ width: '100%', minWidth: 200 }}
                value={d.aliasOf}
                onChange={(aliasOf) => onChange(p.name, { mode: 'alias', aliasOf })}
                options={unitOptions(units.data, (u) => u.kind !== 'collective').sort((a, b) => Number(candidates.has(b.value)) - Number(candidates.has(a.value)))}
              />
            );
          },
        },
      ]}
    />
  );
}
