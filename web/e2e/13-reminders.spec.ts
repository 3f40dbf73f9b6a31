import { apiAs, demoPlan, unitId } from './support/api';
import { expect, finalShot, signIn, signOut, test } from './support/fixtures';
import { choose, confirmPop, opened } from './support/forms';

// The second pause of the same reminder is refused (409) on purpose.
test.use({ expectedHttpErrors: [409] });

const DAY = 86400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const typed = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

interface Rules {
  sendHour: number;
  reportDue: { enabled: boolean; daysBefore: number[] };
}

test('办公室修改提醒规则、暂停并恢复兴庆区的提醒、更正工作日历、配置群机器人并查看发送记录；区县看不到这些页面', async ({ page }) => {
  const office = await apiAs('office');
  const plan = await demoPlan(office);
  const xingqing = await unitId(office, '兴庆区');
  // The demo's open round is due on a day D; a reminder D − today days before it falls due today.
  const [period] = await office.get<{ dueDate: string }[]>(`/plans/${plan.id}/periods`);
  const today = iso(Date.now() + 8 * 3600_000);
  const toDue = Math.round((Date.parse(period.dueDate.slice(0, 10)) - Date.parse(today)) / DAY);
  expect(toDue, '演示的调度截止日应在今天之后').toBeGreaterThanOrEqual(1);
  const daysBefore = [...new Set([toDue, 3, 1])];

  // 0. A county's head has neither screen, in the menu or by address.
  await signIn(page, 'xingqing-head');
  const menu = page.getByRole('menu', { name: '主菜单' });
  await expect(menu.getByText('督办单', { exact: true })).toBeVisible();
  for (const entry of ['催办设置', '通知发送']) await expect(menu.getByText(entry, { exact: true })).toHaveCount(0);
  for (const path of ['/reminders', '/notification-deliveries']) {
    await page.goto(path);
    await expect(page.getByText('无权访问'), path).toBeVisible();
  }
  await page.goto('/notices');
  // The page and its tabs must be there first, or the absence below would hold on a blank page too.
  await expect(page.getByRole('heading', { name: '督办单' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '已办结' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '督办建议' })).toHaveCount(0);
  await signOut(page);

  // 1. The office changes the plan's reminder rules; a wrong value is refused at its field.
  await signIn(page, 'office');
  await menu.getByText('催办设置', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '催办设置' })).toBeVisible();
  const hour = page.getByLabel('每日发送时刻（北京时间，时）');
  const dueDays = page.getByLabel('截止前第几天提醒');
  await expect(hour).toHaveValue('9');
  await expect(dueDays).toHaveValue('7, 3, 1');
  await hour.fill('21');
  await dueDays.fill('5, 2, 前一天');
  await page.getByRole('button', { name: '保存提醒规则' }).click();
  await expect(page.getByText('发送时刻须为 8–19 之间的整数')).toBeVisible();
  await expect(page.getByText('请填写整数天数，用逗号分隔，如 7, 3, 1')).toBeVisible();
  await hour.fill('10');
  await dueDays.fill(daysBefore.join('，'));
  await page.getByRole('button', { name: '保存提醒规则' }).click();
  await expect(page.getByText('提醒规则已保存，每日 10:00 发送')).toBeVisible();
  const saved = await office.get<Rules>(`/plans/${plan.id}/reminder-rules`);
  expect(saved.sendHour).toBe(10);
  expect(saved.reportDue.daysBefore).toEqual(daysBefore);
  // What the office reads back after a reload is what was saved.
  await page.reload();
  await expect(hour).toHaveValue('10');
  await expect(dueDays).toHaveValue(daysBefore.join(', '));

  // 2. 兴庆区's 逾期未报 reminders are paused, a second pause is refused where it was asked, then lifted.
  await page.getByRole('tab', { name: '暂停提醒' }).click();
  await expect(page.getByText('所有单位都照常接收提醒')).toBeVisible();
  const pause = async () => {
    await page.getByRole('button', { name: '暂停提醒' }).click();
    const dialog = await opened(page.getByRole('dialog', { name: '暂停提醒' }));
    await choose(page, dialog.getByLabel('单位'), '兴庆区', true);
    await choose(page, dialog.getByLabel('暂停的提醒'), '逾期未报');
    return dialog;
  };
  let dialog = await pause();
  await dialog.getByRole('button', { name: '暂停', exact: true }).click();
  await expect(dialog.getByText('请填写暂停理由')).toBeVisible();
  await dialog.getByLabel('暂停理由').fill('兴庆区已书面说明本期延后报送的原因。');
  await dialog.getByRole('button', { name: '暂停', exact: true }).click();
  await expect(page.getByText('已暂停 兴庆区 的逾期未报')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: '兴庆区已书面说明' });
  await expect(row).toContainText('逾期未报');
  const mutes = await office.get<{ unitId: string; rule: string }[]>(`/plans/${plan.id}/reminder-mutes`);
  expect(mutes).toEqual([expect.objectContaining({ unitId: xingqing, rule: 'report_late' })]);

  dialog = await pause();
  await dialog.getByLabel('暂停理由').fill('重复暂停。');
  await dialog.getByRole('button', { name: '暂停', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('兴庆区的该类提醒已暂停');
  await expect(dialog.getByText('已暂停', { exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();

  await row.getByRole('button', { name: '恢复 兴庆区 的逾期未报' }).click();
  const lift = await opened(page.getByRole('dialog', { name: '恢复 兴庆区 的逾期未报' }));
  // An empty or too-short reason (counted without the spaces the service trims) is marked at the field; the dialog stays.
  await lift.getByRole('button', { name: '恢复提醒' }).click();
  await expect(lift.getByText('请填写恢复理由')).toBeVisible();
  await lift.getByLabel('恢复理由').fill('  好  ');
  await lift.getByRole('button', { name: '恢复提醒' }).click();
  await expect(lift.getByText('至少 2 个字')).toBeVisible();
  await lift.getByLabel('恢复理由').fill('兴庆区已补报，恢复提醒。');
  await lift.getByRole('button', { name: '恢复提醒' }).click();
  await expect(page.getByText('已恢复 兴庆区 的逾期未报')).toBeVisible();
  await expect(page.getByText('所有单位都照常接收提醒')).toBeVisible();
  expect(await office.get(`/plans/${plan.id}/reminder-mutes`)).toEqual([]);

  // 3. The holiday library has no 2027 data yet: the office marks New Year's Day a day off.
  await page.getByRole('tab', { name: '工作日历' }).click();
  await page.getByRole('button', { name: '更正某一天' }).click();
  const day = await opened(page.getByRole('dialog', { name: '更正工作日历' }));
  await day.getByLabel('日期').fill('2027年1月1日');
  await day.getByLabel('日期').press('Enter');
  await day.getByText('休息日（放假）').click();
  await day.getByLabel('说明').fill('元旦');
  await day.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已将 2027年1月1日 设为休息日')).toBeVisible();
  const newYear = page.getByRole('row').filter({ hasText: '2027年1月1日' });
  await expect(newYear).toContainText('元旦');
  await expect(newYear).toContainText('休息日');
  await expect(newYear).toContainText('办公室更正');
  const days = await office.get<{ day: string; workday: boolean; source: string }[]>('/calendar-days?year=2027');
  expect(days).toContainEqual(expect.objectContaining({ day: '2027-01-01', workday: false, source: 'office' }));

  // 4. A red item's 督办建议 becomes a notice through the ordinary issue form, numbered by the office's pattern.
  const [proposal] = await office.get<{ workItem: { seq: string }; unitName: string }[]>(`/plans/${plan.id}/notice-proposals`);
  expect(proposal, '演示数据应有亮红灯的事项').toBeTruthy();
  await menu.getByText('督办单', { exact: true }).click();
  await page.getByRole('button', { name: '编号格式' }).click();
  const pattern = await opened(page.getByRole('dialog', { name: '督办单编号格式' }));
  await pattern.getByLabel('编号格式').fill('银碳督〔{year}〕号');
  await pattern.getByRole('button', { name: '保存' }).click();
  await expect(pattern.getByText('须包含序号占位符 {n}')).toBeVisible();
  await pattern.getByLabel('编号格式').fill('银碳督〔{year}〕{n}号');
  await pattern.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('编号格式已设为「银碳督〔{year}〕{n}号」')).toBeVisible();
  await page.getByRole('tab', { name: '督办建议' }).click();
  const suggestion = page.getByRole('row').filter({ hasText: `序号 ${proposal.workItem.seq}` }).first();
  await expect(suggestion).toContainText('该事项亮红灯');
  await suggestion.getByRole('button', { name: /^发督办单/ }).click();
  const issue = await opened(page.getByRole('dialog', { name: '发督办单' }));
  await expect(issue.getByLabel('督办事由')).toHaveValue(/^该事项亮红灯/);
  await expect(issue.getByText(`${proposal.unitName}（牵头）`)).toBeVisible();
  await expect(issue.getByRole('radio', { name: '督办', exact: true })).toBeChecked();
  await issue.getByRole('button', { name: '下发' }).click();
  await expect(page.getByText(/已下发督办单 银碳督〔\d{4}〕\d+号/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /督办单 银碳督〔\d{4}〕\d+号/ })).toBeVisible();

  // 5. 兴庆区's group gets a WeCom robot; a malformed address is refused at its field.
  await menu.getByText('通知发送', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '通知渠道与发送记录' })).toBeVisible();
  await page.getByRole('tab', { name: '单位群机器人' }).click();
  await expect(page.getByText('选择一个单位，查看并设置它的企业微信或钉钉群机器人。')).toBeVisible();
  await choose(page, page.getByLabel('单位：'), '兴庆区', true);
  const wecom = page.getByRole('textbox', { name: '企业微信群机器人地址' });
  await wecom.fill('qyapi.weixin.qq.com/robot');
  await page.getByRole('button', { name: '保存群机器人设置' }).click();
  await expect(page.getByText('请填写 http:// 或 https:// 开头的完整网址')).toBeVisible();
  await wecom.fill('http://127.0.0.1:9/cgi-bin/webhook/send?key=e2e');
  await page.getByRole('button', { name: '保存群机器人设置' }).click();
  await expect(page.getByText('群机器人设置已保存')).toBeVisible();
  await expect(page.getByRole('row', { name: /企业微信群机器人/ })).toContainText('已设置');
  // The address carries the robot's key: it is not shown again.
  await expect(wecom).toHaveValue('');
  expect(await office.get(`/units/${xingqing}/channels`)).toMatchObject({ wecomConfigured: true, dingtalkConfigured: false });

  // The office's own digest address, set in its inbox; a malformed one is refused at the field.
  await page.getByTestId('inbox-link').click();
  await page.getByRole('button', { name: '邮件提醒设置' }).click();
  const mail = await opened(page.getByRole('dialog', { name: '邮件提醒设置' }));
  await expect(mail.getByRole('switch', { name: '接收每日邮件汇总' })).toBeChecked();
  await mail.getByLabel('接收邮箱').fill('office@');
  await mail.getByRole('button', { name: '保存' }).click();
  await expect(mail.getByText('请填写有效的电子邮件地址')).toBeVisible();
  await mail.getByLabel('接收邮箱').fill('office@yinchuan.example.gov.cn');
  await mail.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('每日提醒将汇总发送到 office@yinchuan.example.gov.cn')).toBeVisible();
  expect(await office.get('/notifications/settings')).toEqual({ email: 'office@yinchuan.example.gov.cn', emailOptOut: false });

  // 6. The preview of the last working day before the due day lists 兴庆区's reporter (T−1, moved back over days off).
  const offs = new Map((await office.get<{ day: string; workday: boolean }[]>(`/calendar-days?year=${period.dueDate.slice(0, 4)}`)).map((d) => [d.day, d.workday]));
  let eve = Date.parse(period.dueDate.slice(0, 10)) - DAY;
  const working = (t: number) => offs.get(iso(t)) ?? ![0, 6].includes(new Date(t).getUTCDay());
  while (!working(eve)) eve -= DAY;
  await menu.getByText('催办设置', { exact: true }).click();
  await page.getByRole('tab', { name: '今日提醒预览' }).click();
  await expect(page.getByText(/将提醒 \d+ 人次|休息日不发送提醒/)).toBeVisible();
  await page.getByLabel('预览日期：').fill(typed(iso(eve)));
  await page.getByLabel('预览日期：').press('Enter');
  await expect(page.getByText(new RegExp(`${typed(iso(eve))}工作日将提醒 \\d+ 人次`))).toBeVisible();
  await page.getByRole('searchbox', { name: '按单位或人员筛选' }).fill('兴庆区');
  await page.getByRole('searchbox', { name: '按单位或人员筛选' }).press('Enter');
  await expect(page.getByRole('row').filter({ hasText: '兴庆区填报员' }).first()).toContainText('报送提醒');

  // 7. Today's scan, run by hand. On a working day it reminds 兴庆区 (the rule now includes today) and
  // queues a message for its group robot, which the delivery records list as waiting.
  const { workingDay } = await office.get<{ workingDay: boolean }>(`/reminders/preview?planId=${plan.id}`);
  await page.getByLabel('预览日期：').clear();
  await page.getByRole('button', { name: '立即扫描' }).click();
  await confirmPop(page, '立即扫描');
  await expect(page.getByText(/已扫描 \d{4}年\d+月\d+日：新写入站内消息 \d+ 条，排队发送邮件与机器人消息 \d+ 条。/)).toBeVisible();

  await menu.getByText('通知发送', { exact: true }).click();
  await expect(page.getByRole('tab', { name: '发送记录', selected: true })).toBeVisible();
  await page.getByText('发送失败（死信）').click();
  await expect(page.getByText('没有发送失败的消息。')).toBeVisible();
  await page.getByText('全部', { exact: true }).click();
  if (workingDay) {
    const robot = page.getByRole('row').filter({ hasText: '企业微信群' });
    await expect(robot).toContainText('兴庆区');
    await expect(robot).toContainText('待发送');
  } else {
    test.info().annotations.push({ type: '说明', description: `${today} 是休息日：扫描不提醒，发送记录为空` });
    await expect(page.getByText('还没有邮件或群机器人消息')).toBeVisible();
  }
  // The filter's highlight slides over; the shot waits for it to settle.
  await expect.poll(() => page.locator('.ant-segmented').evaluate((el) => el.getAnimations({ subtree: true }).filter((x) => x.playState === 'running').length)).toBe(0);
  await finalShot(page, '13-reminders-deliveries');
});
