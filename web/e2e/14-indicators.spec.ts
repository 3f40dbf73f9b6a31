import type { Page } from '@playwright/test';
import { choose, opened } from './support/forms';
import { expect, finalShot, signIn, signOut, test } from './support/fixtures';

const TARGET = '清洁能源装机规模突破500万千瓦';

async function openIndicators(page: Page) {
  await page.getByRole('menu', { name: '主菜单' }).getByText('指标', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '指标', exact: true })).toBeVisible();
}

async function chooseYear(page: Page, year: number) {
  await choose(page, page.getByRole('combobox', { name: '年度' }), `${year} 年`);
}

/** The drawer of an indicator's yearly figures, opened from the catalogue. */
async function openActuals(page: Page, name: string) {
  await page.getByRole('tab', { name: '指标目录' }).click();
  await page.getByRole('button', { name: `${name} 实际值` }).click();
  return opened(page.getByRole('dialog', { name: `${name}（万千瓦） · 实际值` }));
}

test('指标：办公室建立指标并关联目标，兴庆区填报实际值并上传佐证，办公室核实后目标评价变为已达成', async ({ page }) => {
  // 1. The office builds the catalogue: one indicator, the demo plan's 2025 capacity target linked to it.
  await signIn(page, 'office');
  await openIndicators(page);
  await expect(page.getByText('本方案还没有指标。点击右上角「新增指标」')).toBeVisible();
  await page.getByRole('button', { name: '新增指标' }).click();
  const create = await opened(page.getByRole('dialog', { name: '新增指标' }));
  await create.getByLabel('指标名称').fill('清洁能源装机规模');
  await create.getByLabel('计量单位').fill('万千瓦');
  await expect(create.getByLabel('越大越好（装机、占比）')).toBeChecked();
  await create.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已新增指标「清洁能源装机规模」')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '清洁能源装机规模' })).toContainText('越大越好');

  await page.getByRole('tab', { name: '目标关联' }).click();
  await page.getByRole('button', { name: '按名称建议关联' }).click();
  await expect(page.getByText(/^有 \d+ 个目标建议关联指标，请逐一确认$/)).toBeVisible();
  const targetRow = page.getByRole('row').filter({ hasText: TARGET });
  await expect(targetRow).toContainText('待确认');
  await targetRow.getByRole('button', { name: `关联 ${TARGET}` }).click();
  const link = await opened(page.getByRole('dialog', { name: '确认目标关联的指标' }));
  await expect(link.getByRole('combobox', { name: '指标' }).locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]')).toContainText('清洁能源装机规模');
  await link.getByRole('button', { name: '确认关联' }).click();
  await expect(page.getByText('已确认：清洁能源装机规模')).toBeVisible();
  await expect(targetRow).toContainText('已确认');

  // 2. Judged for 2025 (the target's year): no figure yet.
  await chooseYear(page, 2025);
  await page.getByRole('tab', { name: '2025 年完成情况' }).click();
  const evaluation = page.getByRole('row').filter({ hasText: TARGET });
  await expect(evaluation.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'unknown');
  await expect(evaluation).toContainText('尚无 2025 年实际值');

  // 3. The office enters the city-wide figure from the statistics bureau: counted only once verified.
  let drawer = await openActuals(page, '清洁能源装机规模');
  await expect(drawer.getByLabel('年份')).toHaveValue('2025');
  await drawer.getByLabel('实际值（万千瓦）').fill('512');
  await drawer.getByLabel('说明或数据出处').fill('市统计局 2025 年统计公报');
  await drawer.getByRole('button', { name: '保存实际值' }).click();
  await expect(page.getByText('已保存银川市 2025 年实际值 512 万千瓦，待办公室核实')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.getByRole('tab', { name: '2025 年完成情况' }).click();
  await expect(evaluation).toContainText('2025 年实际值 512 万千瓦 尚未核实');
  await signOut(page);

  // 4. 兴庆区's reporter enters the district's own figure and attaches the evidence.
  await signIn(page, 'xingqing');
  await openIndicators(page);
  await expect(page.getByRole('button', { name: '新增指标' })).toHaveCount(0);
  drawer = await openActuals(page, '清洁能源装机规模');
  await expect(drawer).toContainText('填报实际值（兴庆区）');
  await drawer.getByLabel('年份').fill('2025');
  await drawer.getByLabel('实际值（万千瓦）').fill('86.5');
  await drawer.getByLabel('说明或数据出处').fill('区发改局光伏并网台账');
  await drawer.getByRole('button', { name: '保存实际值' }).click();
  await expect(page.getByText('已保存兴庆区 2025 年实际值 86.5 万千瓦，待办公室核实')).toBeVisible();
  const mine = drawer.getByRole('row').filter({ hasText: '兴庆区' });
  await expect(mine).toContainText('单位自报');
  await expect(mine.locator('[data-verification]')).toHaveText('未核实');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await mine.getByLabel('选择 兴庆区 2025 年的佐证材料').setInputFiles({ name: '兴庆区光伏并网台账.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.getByText('已上传：兴庆区光伏并网台账.pdf')).toBeVisible();
  await expect(mine.getByRole('link', { name: '兴庆区光伏并网台账.pdf' })).toBeVisible();
  // A unit sees its own figures only, and verifies nothing.
  await expect(drawer.getByRole('row').filter({ hasText: '银川市' })).toHaveCount(0);
  await expect(drawer.getByRole('button', { name: /^核实/ })).toHaveCount(0);
  await finalShot(page, '14-indicators-unit-actual');
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).click();
  await expect(drawer).toBeHidden();
  await signOut(page);

  // 5. The office verifies both figures; the target now reads as achieved, with the arithmetic.
  await signIn(page, 'office');
  await openIndicators(page);
  await chooseYear(page, 2025);
  drawer = await openActuals(page, '清洁能源装机规模');
  const district = drawer.getByRole('row').filter({ hasText: '兴庆区' });
  await expect(district).toContainText('86.5 万千瓦');
  await expect(district.getByRole('link', { name: '兴庆区光伏并网台账.pdf' })).toBeVisible();
  await district.getByRole('button', { name: '核实 兴庆区 2025' }).click();
  await expect(page.getByText('已核实兴庆区 2025 年的数值')).toBeVisible();
  await expect(district.locator('[data-verification]')).toHaveText('已核实');
  await drawer.getByRole('row').filter({ hasText: '银川市' }).getByRole('button', { name: '核实 银川市 2025' }).click();
  await expect(page.getByText('已核实银川市 2025 年的数值')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await page.getByRole('tab', { name: '2025 年完成情况' }).click();
  await expect(evaluation.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'achieved');
  await expect(evaluation).toContainText('已达成');
  await expect(evaluation).toContainText('实际 512 万千瓦 ≥ 目标 500 万千瓦');
  await expect(page.getByTestId('evaluation-counts')).toContainText('已达成 1 个');
  const [table] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载指标表.xlsx' }).click()]);
  expect(table.suggestedFilename()).toBe('2025年目标指标完成情况表.xlsx');

  // 6. The office imports figures from a spreadsheet: checked first, written only when every row is right.
  await page.getByRole('button', { name: '导入实际值' }).click();
  const importing = await opened(page.getByRole('dialog', { name: '导入指标实际值' }));
  const csv = (rows: string) => ({ name: '指标实际值.csv', mimeType: 'text/csv', buffer: Buffer.from(`指标,年份,单位,实际值,数据来源,备注\n${rows}`) });
  await importing.getByLabel('选择指标实际值表').setInputFiles(csv('清洁能源装机规模,2026,银川市,530,统计部门,\n清洁能源装机规模,2026,滨河新区,40,单位自报,\n'));
  await expect(importing).toContainText('有 1 处问题，改正后重新选择文件');
  await expect(importing).toContainText('「滨河新区」不是已登记的单位');
  await expect(importing.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await importing.getByLabel('选择指标实际值表').setInputFiles(csv('清洁能源装机规模,2026,银川市,530,统计部门,\n清洁能源装机规模,2026,兴庆区,90,单位自报,\n'));
  await expect(importing).toContainText('校验通过：将新增 2 条，替换 0 条，不变 0 条');
  await importing.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('已导入：新增 2 条，替换 0 条，不变 0 条')).toBeVisible();
  await expect(importing).toBeHidden();
  await finalShot(page, '14-indicators-evaluation');
});

test('年度总结：办公室开启 2025 年度报告，免报并恢复一个单位，填写办公室意见后定稿', async ({ page }) => {
  await signIn(page, 'office');
  await page.getByRole('menu', { name: '主菜单' }).getByText('年度报告', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '年度报告', exact: true })).toBeVisible();

  // A past year of its own, so this year's cycle (other journeys') stays open.
  await page.getByRole('button', { name: '开启年度报告' }).click();
  const open = await opened(page.getByRole('dialog', { name: '开启年度报告' }));
  await open.getByLabel('报告年度').fill('2025');
  await open.getByRole('button', { name: '开启' }).click();
  await expect(page.getByText(/^已开启 2025 年度报告，应报单位 \d+ 个$/)).toBeVisible();
  await expect(page.getByText(/^2025 年度应报单位 \d+ 个，已报送 0 个$/)).toBeVisible();

  // Drop 金凤区 with a reason: the row says so and the summary lists it.
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '金凤区', exact: true }) });
  await row.getByRole('button', { name: '免报 金凤区' }).click();
  const drop = await opened(page.getByRole('dialog', { name: '金凤区免报2025年度报告' }));
  await drop.getByLabel('免报理由').fill('本年度牵头事项已整体移交兴庆区。');
  await drop.getByRole('button', { name: '免报', exact: true }).click();
  await expect(page.getByText('金凤区已免报').first()).toBeVisible();
  await expect(row).toContainText('已免报');
  const summary = page.getByTestId('year-end-summary');
  await expect(summary).toContainText('免报金凤区');

  // …and add it back: its report is due again.
  await page.getByRole('button', { name: '增加应报单位' }).click();
  const add = await opened(page.getByRole('dialog', { name: '增加2025年度应报单位' }));
  await choose(page, add.getByRole('combobox', { name: '单位' }), '金凤区', true);
  await add.getByLabel('增加理由').fill('移交未完成，仍由金凤区报送。');
  await add.getByRole('button', { name: '增加', exact: true }).click();
  await expect(page.getByText('已将金凤区增加为应报单位')).toBeVisible();
  await expect(row).toContainText('填报中');
  await expect(summary).toContainText('免报无');

  // The office's commentary, then 定稿 after a confirmation: frozen, and the round ends.
  await expect(summary).toContainText('未定稿');
  await summary.getByLabel('办公室意见').fill('全市清洁能源装机如期突破目标，建筑领域节能改造进度偏慢，下一年度重点督办。');
  await summary.getByRole('button', { name: '保存意见' }).click();
  await expect(page.getByText('已保存办公室意见')).toBeVisible();
  await summary.getByRole('button', { name: '定稿', exact: true }).click();
  const confirm = await opened(page.getByRole('dialog', { name: '2025 年度总结定稿' }));
  await expect(confirm).toContainText('办公室意见不能再修改');
  await confirm.getByRole('button', { name: '确认定稿' }).click();
  await expect(page.getByText('2025 年度总结已定稿，本轮年度报告结束')).toBeVisible();
  await expect(summary).toContainText('已定稿');
  await expect(page.getByTestId('summary-commentary')).toHaveText('全市清洁能源装机如期突破目标，建筑领域节能改造进度偏慢，下一年度重点督办。');
  await expect(summary).toContainText('快照 SHA-256');
  await expect(page.getByText('本轮已结束')).toBeVisible();
  await expect(page.getByRole('button', { name: '增加应报单位' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '免报 金凤区' })).toHaveCount(0);
  await finalShot(page, '14-year-end-summary-finalised', true);
});
