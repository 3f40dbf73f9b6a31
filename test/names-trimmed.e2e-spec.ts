import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { RULES } from '../src/reminders/reminder-rules.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';
import { expectValidationRefused } from './support/refusal.js';

/**
 * Names are compared as they are stored: trimmed. A name padded with spaces (ASCII or the full-width U+3000 a
 * Chinese input method types) is the same name, so it meets the same uniqueness rules as the bare one: a
 * duplicate inside a list is refused like an exact duplicate, and a clash with another record is told by the
 * service's own message, not left to the database. And validation messages do not repeat the field: the
 * problem's detail already puts the field path before the message.
 */
describe('names trimmed before they are checked, and messages that do not repeat the field', () => {
  const clock = new TestClock(new Date('2026-06-15T02:00:00Z'));
  let t: TestApp;
  let planId: string;
  let office: ReturnType<typeof asUser>;
  let officeToken: string;
  let cityId: string;


  const indicators = async () => (await office.get(`/api/v1/plans/${planId}/indicators`).expect(200)).body as { id: string; name: string; synonyms: string[] }[];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    planId = (await seedDemo(t.app)).planId;
    officeToken = await tokenFor(t, 'office');
    office = asUser(t, officeToken);
    cityId = (await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } })).id;
  });
  afterAll(() => t.close());

  describe('indicator names and synonyms', () => {
    let stockId: string;

    beforeAll(async () => {
      stockId = (await office.post(`/api/v1/plans/${planId}/indicators`, { name: '森林蓄积量', unit: '万立方米', direction: 'higher', synonyms: ['森林蓄积'] }).expect(201)).body.id;
    });

    it("a padded name equal to another indicator's synonym is refused as a clash, and no second indicator answers to it", async () => {
      for (const name of ['森林蓄积 ', ' 森林蓄积', '森林蓄积\u3000']) {
        const res = await office.post(`/api/v1/plans/${planId}/indicators`, { name, direction: 'higher' }).expect(409);
        expect(res.body).toMatchObject({ code: 'INDICATOR.EXISTS', detail: '指标「森林蓄积量」已有此名称或同义名称', errors: [{ field: 'name', message: '名称重复' }] });
      }
      const answering = (await indicators()).filter((i) => i.name === '森林蓄积' || i.synonyms.includes('森林蓄积'));
      expect(answering.map((i) => i.id)).toEqual([stockId]);
    });

    it("a padded name equal to another indicator's name is the service's clash, not the database's duplicate", async () => {
      const res = await office.post(`/api/v1/plans/${planId}/indicators`, { name: ' 森林蓄积量', direction: 'higher' }).expect(409);
      expect(res.body).toMatchObject({ code: 'INDICATOR.EXISTS', detail: '指标「森林蓄积量」已有此名称或同义名称', errors: [{ field: 'name', message: '名称重复' }] });
      expect((await indicators()).filter((i) => i.name === '森林蓄积量')).toHaveLength(1);
    });

    it("a padded synonym equal to another indicator's name or synonym is a clash, on creation and on change", async () => {
      const created = await office.post(`/api/v1/plans/${planId}/indicators`, { name: '林木蓄积总量', direction: 'higher', synonyms: [' 森林蓄积量 '] }).expect(409);
      // The name is free: the synonym is what must change.
      expect(created.body).toMatchObject({ code: 'INDICATOR.EXISTS', errors: [{ field: 'synonyms', message: '名称重复' }] });
      expect((await indicators()).map((i) => i.name)).not.toContain('林木蓄积总量');

      const other = (await office.post(`/api/v1/plans/${planId}/indicators`, { name: '湿地保护率', unit: '%', direction: 'higher' }).expect(201)).body;
      const changed = await office.patch(`/api/v1/indicators/${other.id}`, { synonyms: ['森林蓄积\u3000'] }).expect(409);
      expect(changed.body).toMatchObject({ code: 'INDICATOR.EXISTS', errors: [{ field: 'synonyms', message: '名称重复' }] });
      expect((await indicators()).find((i) => i.id === other.id)!.synonyms).toEqual([]);
    });

    it('synonyms that differ only by spaces are refused as duplicates, like the same synonym twice, on creation and on change', async () => {
      const created = await office.post(`/api/v1/plans/${planId}/indicators`, { name: '森林覆盖率', unit: '%', direction: 'higher', synonyms: ['森林覆盖面积比例', ' 森林覆盖面积比例'] });
      expectValidationRefused(created, [{ field: 'synonyms', message: '不能有重复项' }]);
      expect((await indicators()).map((i) => i.name)).not.toContain('森林覆盖率');

      const changed = await office.patch(`/api/v1/indicators/${stockId}`, { synonyms: ['活立木蓄积量', '活立木蓄积量\u3000'] });
      expectValidationRefused(changed, [{ field: 'synonyms', message: '不能有重复项' }]);
      expect((await indicators()).find((i) => i.id === stockId)!.synonyms).toEqual(['森林蓄积']);
    });

    it('the length rules count what would be stored: a name or synonym of spaces around one character is too short', async () => {
      expectValidationRefused(await office.post(`/api/v1/plans/${planId}/indicators`, { name: ' 林 ', direction: 'higher' }), [{ field: 'name', message: '至少 2 个字' }]);
      expectValidationRefused(await office.post(`/api/v1/plans/${planId}/indicators`, { name: '草原综合植被盖度', direction: 'higher', synonyms: ['植被盖度', '   '] }), [
        { field: 'synonyms', message: '每个同义名称至少 2 个字' },
      ]);
      expectValidationRefused(await office.patch(`/api/v1/indicators/${stockId}`, { synonyms: ['\u3000\u3000'] }), [{ field: 'synonyms', message: '每个同义名称至少 2 个字' }]);
      const names = (await indicators()).map((i) => i.name);
      expect(names).not.toContain('林');
      expect(names).not.toContain('草原综合植被盖度');
      expect((await indicators()).find((i) => i.id === stockId)!.synonyms).toEqual(['森林蓄积']);
    });

    it('a padded name and synonyms are stored trimmed', async () => {
      const created = (await office.post(`/api/v1/plans/${planId}/indicators`, { name: ' 草原综合植被盖度\u3000', unit: '%', direction: 'higher', synonyms: [' 草原植被盖度 '] }).expect(201)).body;
      expect(created).toMatchObject({ name: '草原综合植被盖度', synonyms: ['草原植被盖度'] });
      const changed = (await office.patch(`/api/v1/indicators/${created.id}`, { synonyms: ['草原植被覆盖度\u3000', ' 草原盖度'] }).expect(200)).body;
      expect(changed.synonyms).toEqual(['草原植被覆盖度', '草原盖度']);
    });
  });

  describe('unit names and aliases', () => {
    const units = (name: string) => t.prisma.unit.findMany({ where: { parentId: cityId, OR: [{ name }, { aliases: { has: name } }] } });

    it('aliases that differ only by spaces are refused as duplicates, on creation and on change, and nothing is stored', async () => {
      const created = await office.post('/api/v1/units', { name: '市林草局', kind: 'department', parentId: cityId, aliases: ['别名一', '别名一 '] });
      expectValidationRefused(created, [{ field: 'aliases', message: '不能有重复项' }]);
      expect(await t.prisma.unit.count({ where: { name: '市林草局' } })).toBe(0);

      const unit = (await office.post('/api/v1/units', { name: '市林草局', kind: 'department', parentId: cityId, aliases: ['林草局'] }).expect(201)).body;
      const changed = await office.patch(`/api/v1/units/${unit.id}`, { rowVersion: unit.rowVersion, aliases: ['\u3000林业局', '林业局'] });
      expectValidationRefused(changed, [{ field: 'aliases', message: '不能有重复项' }]);
      expect(await t.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({ aliases: ['林草局'], rowVersion: unit.rowVersion });
    });

    it('an alias equal to the unit’s own name (padded or not) is not stored, and a unit renamed to one of its aliases drops it', async () => {
      const unit = (await office.post('/api/v1/units', { name: '市能源局', kind: 'department', parentId: cityId, aliases: ['能源局', ' 市能源局 '] }).expect(201)).body;
      expect(unit.aliases).toEqual(['能源局']);
      const sameAlias = (await office.patch(`/api/v1/units/${unit.id}`, { rowVersion: unit.rowVersion, aliases: ['市能源局', '市能源管理局'] }).expect(200)).body;
      expect(sameAlias.aliases).toEqual(['市能源管理局']);
      const renamed = (await office.patch(`/api/v1/units/${unit.id}`, { rowVersion: sameAlias.rowVersion, name: '市能源管理局' }).expect(200)).body;
      expect(renamed).toMatchObject({ name: '市能源管理局', aliases: [] });
      expect(await t.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({ name: '市能源管理局', aliases: [] });
      // A rename that names no alias leaves the aliases as they are.
      const again = (await office.patch(`/api/v1/units/${unit.id}`, { rowVersion: renamed.rowVersion, aliases: ['能源局'] }).expect(200)).body;
      expect((await office.patch(`/api/v1/units/${unit.id}`, { rowVersion: again.rowVersion, name: '银川市能源局' }).expect(200)).body.aliases).toEqual(['能源局']);
    });

    it('a unit moved under another parent may not bring a name or alias its new siblings already use', async () => {
      const county = await t.prisma.unit.findFirstOrThrow({ where: { name: '兴庆区' } });
      await office.post('/api/v1/units', { name: '市测绘地理信息院', kind: 'department', parentId: cityId, aliases: ['测绘院'] }).expect(201);
      const sameName = (await office.post('/api/v1/units', { name: '市测绘地理信息院', kind: 'department', parentId: county.id }).expect(201)).body;
      const moved = await office.patch(`/api/v1/units/${sameName.id}`, { rowVersion: sameName.rowVersion, parentId: cityId }).expect(409);
      expect(moved.body).toMatchObject({ code: 'UNIT.NAME_TAKEN', detail: '名称「市测绘地理信息院」已被单位「市测绘地理信息院」使用' });
      const byAlias = (await office.post('/api/v1/units', { name: '区测绘中心', kind: 'department', parentId: county.id, aliases: ['测绘院'] }).expect(201)).body;
      await office.patch(`/api/v1/units/${byAlias.id}`, { rowVersion: byAlias.rowVersion, parentId: cityId }).expect(409);
      expect(await t.prisma.unit.count({ where: { parentId: cityId, OR: [{ name: '市测绘地理信息院' }, { aliases: { has: '测绘院' } }] } })).toBe(1);
    });

    it('a padded name or alias is stored trimmed, so the same name padded again is a clash among siblings', async () => {
      const unit = (await office.post('/api/v1/units', { name: ' 市气象局 ', kind: 'department', parentId: cityId, aliases: ['气象局\u3000'] }).expect(201)).body;
      expect(unit).toMatchObject({ name: '市气象局', aliases: ['气象局'] });

      const again = await office.post('/api/v1/units', { name: '市气象局\u3000', kind: 'department', parentId: cityId }).expect(409);
      expect(again.body).toMatchObject({ code: 'UNIT.NAME_TAKEN', detail: '名称「市气象局」已被单位「市气象局」使用' });
      const alias = await office.post('/api/v1/units', { name: '市人工影响天气办公室', kind: 'department', parentId: cityId, aliases: [' 气象局'] }).expect(409);
      expect(alias.body).toMatchObject({ code: 'UNIT.NAME_TAKEN', detail: '名称「气象局」已被单位「市气象局」使用' });
      expect((await units('市气象局')).map((u) => u.id)).toEqual([unit.id]);
      expect((await units('气象局')).map((u) => u.id)).toEqual([unit.id]);
      expect(await t.prisma.unit.count({ where: { name: '市人工影响天气办公室' } })).toBe(0);

      const renamed = (await office.patch(`/api/v1/units/${unit.id}`, { rowVersion: unit.rowVersion, name: '\u3000银川市气象局 ', aliases: [' 市气象局'] }).expect(200)).body;
      expect(renamed).toMatchObject({ name: '银川市气象局', aliases: ['市气象局'] });
    });

    it('a unit the import creates under a padded name is stored trimmed', async () => {
      const province = await t.prisma.unit.findFirstOrThrow({ where: { name: '宁夏回族自治区' } });
      const city = (await office.post('/api/v1/units', { name: '吴忠市', kind: 'city', level: 'city', parentId: province.id }).expect(201)).body.id;
      const plan = (await office.post('/api/v1/plans', { title: '吴忠市碳达峰实施方案', jurisdictionId: city, horizonStartYear: 2021, horizonEndYear: 2030 }).expect(201)).body.id;
      const table = ['序号,主要工作,牵头单位,配合单位,完成时限', '1,推进煤电机组节能降碳改造。,市发改委,,2026年12月31日'].join('\n');
      const onboarding = { decisions: [{ name: '市发改委', action: 'create', kind: 'department', unitName: ' 吴忠市发展和改革委员会\u3000' }] };
      const committed = await request(t.http)
        .post(`/api/v1/plans/${plan}/imports?dryRun=false`)
        .set('authorization', officeToken)
        .attach('file', Buffer.from(table), 'list.csv')
        .field('onboarding', JSON.stringify(onboarding))
        .expect(201);
      expect(committed.body.changes.onboarding.created).toEqual([expect.objectContaining({ name: '吴忠市发展和改革委员会', parentId: city })]);
      expect(await t.prisma.unit.count({ where: { name: '吴忠市发展和改革委员会', parentId: city } })).toBe(1);
    });
  });

  describe('validation messages name the field once', () => {
    it('reminder rules: the send hour and the nested day lists', async () => {
      const rules = (await office.get(`/api/v1/plans/${planId}/reminder-rules`).expect(200)).body;
      const late = await office.put(`/api/v1/plans/${planId}/reminder-rules`, { ...rules, sendHour: 20 });
      expectValidationRefused(late, [{ field: 'sendHour', message: '不能晚于 19 时' }]);
      expect(late.body.detail).toBe('请求参数无效：sendHour 不能晚于 19 时');

      const days = await office.put(`/api/v1/plans/${planId}/reminder-rules`, {
        ...rules,
        sendHour: 7,
        reportDue: { enabled: true, daysBefore: [7, 3, 3] },
        reportLate: { ...rules.reportLate, daysAfter: [0] },
        deadline: { ...rules.deadline, daysBefore: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], daysAfter: [1.5] },
      });
      expectValidationRefused(days, [
        { field: 'sendHour', message: '不能早于 8 时' },
        { field: 'reportDue.daysBefore', message: '天数不能重复' },
        { field: 'reportLate.daysAfter', message: '每一项至少 1 天' },
        { field: 'deadline.daysBefore', message: '最多 10 个天数' },
        { field: 'deadline.daysAfter', message: '每一项须为整数天数' },
      ]);
      expect((await office.get(`/api/v1/plans/${planId}/reminder-rules`).expect(200)).body).toEqual(rules);
    });

    it('reminder mutes and the preview', async () => {
      expectValidationRefused(await office.post(`/api/v1/plans/${planId}/reminder-mutes`, { unitId: 'x', rule: 'never', reason: '停' }), [
        { field: 'unitId', message: '须为单位 id' },
        { field: 'rule', message: `须为 ${RULES.join('、')} 之一` },
        { field: 'reason', message: '至少 2 个字' },
      ]);
      expectValidationRefused(await office.post(`/api/v1/reminder-mutes/${randomUUID()}/lift`, { reason: 'x'.repeat(501) }), [{ field: 'reason', message: '不能超过 500 个字' }]);
      expectValidationRefused(await office.get('/api/v1/reminders/preview?planId=x&at=tomorrow'), [
        { field: 'planId', message: '须为方案 id' },
        { field: 'at', message: '须为 YYYY-MM-DD 或 ISO 8601 时刻（如 2026-03-30T09:00:00+08:00）' },
      ]);
    });

    it('the reminder calendar', async () => {
      expectValidationRefused(await office.get('/api/v1/calendar-days?year=1999'), [{ field: 'year', message: '不能早于 2000' }]);
      expectValidationRefused(await office.get('/api/v1/calendar-days?year=2101'), [{ field: 'year', message: '不能晚于 2100' }]);
      expectValidationRefused(await office.get('/api/v1/calendar-days?year=next'), [{ field: 'year', message: '须为整数年份' }]);
      expectValidationRefused(await office.put('/api/v1/calendar-days/2027-01-01', { workday: 'no', name: '' }), [
        { field: 'workday', message: '须为 true 或 false' },
        { field: 'name', message: '不能为空' },
      ]);
      expectValidationRefused(await office.put('/api/v1/calendar-days/2027-01-01', { workday: false, name: '元'.repeat(51) }), [{ field: 'name', message: '不能超过 50 个字' }]);
    });

    it('supervision notices', async () => {
      expectValidationRefused(await office.post('/api/v1/notices', { workItemId: 'x', unitId: 'y', level: 'red', reason: '太慢', requestedAction: '快办', replyDeadline: '2026-06-30' }), [
        { field: 'workItemId', message: '须为工作事项 id' },
        { field: 'unitId', message: '须为单位 id' },
        { field: 'level', message: '须为 urge、supervise 或 listed' },
        { field: 'reason', message: '至少 5 个字' },
        { field: 'requestedAction', message: '至少 5 个字' },
      ]);
      expectValidationRefused(await office.post(`/api/v1/notices/${randomUUID()}/reply`, { version: 1, reply: '已办' }), [{ field: 'reply', message: '至少 5 个字' }]);
      expectValidationRefused(await office.post(`/api/v1/notices/${randomUUID()}/return`, { version: 1, reason: '退' }), [{ field: 'reason', message: '至少 2 个字' }]);
      expectValidationRefused(await office.get('/api/v1/notices?planId=x&state=open'), [
        { field: 'planId', message: '须为方案 id' },
        { field: 'state', message: '须为 issued、acknowledged、replied 或 closed' },
      ]);
      expectValidationRefused(await office.put(`/api/v1/plans/${planId}/notice-pattern`, { pattern: '银碳督〔{year}〕号' }), [{ field: 'pattern', message: '须包含序号占位符 {n}' }]);
    });

    it('notification settings, channels and deliveries', async () => {
      expectValidationRefused(await office.put('/api/v1/notifications/settings', { email: 'office', emailOptOut: 'yes' }), [
        { field: 'email', message: '须为有效的电子邮件地址' },
        { field: 'emailOptOut', message: '须为 true 或 false' },
      ]);
      expectValidationRefused(await office.put(`/api/v1/units/${cityId}/channels`, { wecomWebhook: 'ftp://example.com/hook', dingtalkWebhook: 'oapi.dingtalk.com', dingtalkSecret: 'SEC' }), [
        { field: 'wecomWebhook', message: '须为 http(s):// 开头的完整网址' },
        { field: 'dingtalkWebhook', message: '须为 http(s):// 开头的完整网址' },
        { field: 'dingtalkSecret', message: '至少 8 个字符' },
      ]);
      expectValidationRefused(await office.get('/api/v1/notification-deliveries?status=failed'), [{ field: 'status', message: '须为 pending、sent 或 dead' }]);
    });

    it('audit checkpoints', async () => {
      expectValidationRefused(await office.get('/api/v1/audit-events/verify?checkpointId=last&checkpointHash=abc'), [
        { field: 'checkpointId', message: '须为事件编号' },
        { field: 'checkpointHash', message: '须为 64 位十六进制' },
      ]);
    });
  });
});
