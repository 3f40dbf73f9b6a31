import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { UnitKind, UnitLevel } from '../generated/prisma/enums.js';

export interface DemoUnit {
  name: string;
  kind: UnitKind;
  level?: UnitLevel;
  parent?: string;
  aliases: string[];
  memberKind?: UnitKind;
}

export const PROVINCE = '宁夏回族自治区';
export const CITY = '银川市';
export const OFFICE = '银川市碳达峰碳中和工作领导小组办公室';

const COUNTIES = ['兴庆区', '金凤区', '西夏区', '永宁县', '贺兰县', '灵武市'];
const PARKS: [string, string[]][] = [
  ['银川经济技术开发区', ['银川经开区', '银川经济技术开发区管委会']],
  ['银川高新技术产业开发区', ['银川高新区', '银川高新技术产业开发区管委会']],
];
// Full names users type that the table abbreviates (BRIEF: 市发改委 = 发改委 = 银川市发展和改革委员会).
const FULL_NAMES: Record<string, string> = {
  市发改委: '银川市发展和改革委员会',
  市工信局: '银川市工业和信息化局',
  市住建局: '银川市住房和城乡建设局',
  市生态环境局: '银川市生态环境局',
};

const KIND: Record<string, UnitKind> = {
  city_department: 'department',
  party_department: 'party_organ',
  enterprise: 'enterprise',
  county_government: 'collective',
  park_committee: 'collective',
  other: 'collective',
};
const MEMBER_KIND: Record<string, UnitKind> = { county_government: 'county', park_committee: 'park', other: 'department' };

/** The Yinchuan unit tree: province → city → counties, parks, departments, party organs, the office, collectives. */
export function demoUnits(unitsCsvPath: string): DemoUnit[] {
  const rows = parse(readFileSync(unitsCsvPath), { columns: true, bom: true }) as { name: string; kind: string; aliases: string }[];
  return [
    { name: PROVINCE, kind: 'province', level: 'province', aliases: ['宁夏', '自治区'] },
    { name: CITY, kind: 'city', level: 'city', parent: PROVINCE, aliases: [] },
    { name: OFFICE, kind: 'office', parent: CITY, aliases: ['领导小组办公室', '市碳达峰碳中和工作领导小组办公室'] },
    ...COUNTIES.map((name): DemoUnit => ({ name, kind: 'county', level: 'county', parent: CITY, aliases: [`${name}人民政府`] })),
    ...PARKS.map(([name, aliases]): DemoUnit => ({ name, kind: 'park', parent: CITY, aliases })),
    ...rows.map(
      (r): DemoUnit => ({
        name: r.name,
        kind: KIND[r.kind] ?? 'other',
        parent: CITY,
        aliases: [...r.aliases.split(/[;；]/).map((a) => a.trim()).filter(Boolean), ...(FULL_NAMES[r.name] ? [FULL_NAMES[r.name]] : [])],
        memberKind: MEMBER_KIND[r.kind],
      }),
    ),
  ];
}
