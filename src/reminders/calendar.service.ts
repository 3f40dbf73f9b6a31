import { Injectable } from '@nestjs/common';
import { dayToDate, isoDay } from '../common/dates.js';
import { DomainError } from '../common/domain-error.js';
import { isCalendarDay } from '../common/validators.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { CalendarDayDto, SetCalendarDayDto } from './dto/calendar.dto.js';
import { addDays, isWorkingDay, setCalendarOverrides } from './working-calendar.js';

/** The working-day calendar the office sees and corrects: the library's answer, or the office's where it set one. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
  ) {}

  /** Reloads the office's corrections (before each scan, so every instance decides on the same calendar). */
  async refresh(): Promise<void> {
    const rows = await this.prisma.calendarOverride.findMany();
    setCalendarOverrides(new Map(rows.map((r) => [isoDay(r.day), r.workday])));
  }

  /** Days off from Monday to Friday and working weekend days of a year, and every day the office corrected. */
  async year(year: number): Promise<CalendarDayDto[]> {
    await this.refresh();
    const names = new Map((await this.prisma.calendarOverride.findMany({ where: { day: { gte: dayToDate(`${year}-01-01`), lte: dayToDate(`${year}-12-31`) } } })).map((r) => [isoDay(r.day), r.name]));
    const out: CalendarDayDto[] = [];
    for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
      const weekend = [0, 6].includes(dayToDate(d).getUTCDay());
      const workday = isWorkingDay(d);
      if (names.has(d) || workday === weekend) out.push({ day: d, workday, name: names.get(d) ?? null, source: names.has(d) ? 'office' : 'library' });
    }
    return out;
  }

  async set(day: string, dto: SetCalendarDayDto): Promise<CalendarDayDto> {
    if (!isCalendarDay(day)) throw new DomainError('VALIDATION', 400, '日期须为 YYYY-MM-DD', [{ field: 'day', message: '须为有效日期，格式 YYYY-MM-DD' }]);
    await this.workflow.transaction(async (w) => {
      const before = await w.tx.calendarOverride.findUnique({ where: { day: dayToDate(day) } });
      await w.tx.calendarOverride.upsert({ where: { day: dayToDate(day) }, create: { day: dayToDate(day), ...dto }, update: dto });
      await w.audit([{ action: 'calendar.day_set', entityType: 'CalendarOverride', entityId: null, before: before ? { day, workday: before.workday, name: before.name } : { day, workday: isWorkingDay(day), source: 'library' }, after: { day, ...dto } }]);
    });
    await this.refresh();
    return { day, workday: dto.workday, name: dto.name, source: 'office' };
  }
}
