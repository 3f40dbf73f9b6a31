import { apiAs, unitId } from './support/api';
import { expect, finalShot, signIn, test } from './support/fixtures';

test.use({ expectedHttpErrors: [404] });

test('一个县区不能通过网址打开另一个县区的事项（显示未找到）', async ({ page }) => {
  // An item that only 兴庆区 carries: a small plan of the city with one row, imported through the API.
  const office = await apiAs('office');
  const city = await unitId(office, '银川市');
  const plan = await office.send<{ id: string }>('POST', '/plans', { title: `兴庆区专项事项（隔离测试 ${Date.now()}）`, jurisdictionId: city });
  const csv = 'seq,item,area,measure,work,lead_unit,supporting_units\n1,1,一、专项行动,专项措施,兴庆区独立承担的专项工作：到2027年完成城区既有建筑节能改造。,兴庆区,\n';
  await office.upload(`/plans/${plan.id}/imports?dryRun=false`, 'xingqing-only.csv', csv);
  const list = await office.get<{ items: { id: string }[] }>(`/work-items?planId=${plan.id}`);
  const itemId = list.items[0].id;

  await signIn(page, 'xingqing');
  await page.goto(`/work-items/${itemId}`);
  await expect(page.getByText('兴庆区独立承担的专项工作')).toBeVisible();

  await page.context().clearCookies();
  await page.evaluate(() => sessionStorage.clear());
  await signIn(page, 'jinfeng');
  await page.goto(`/work-items/${itemId}`);
  await expect(page.getByText('未找到')).toBeVisible();
  await expect(page.getByText('该工作事项不存在，或不在您的查看范围内。')).toBeVisible();
  await expect(page.getByText('兴庆区独立承担的专项工作')).toHaveCount(0);
  await finalShot(page, '05-county-isolation-not-found');
});
