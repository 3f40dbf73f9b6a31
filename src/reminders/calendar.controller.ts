import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/decorators.js';
import { Permission } from '../access/permissions.js';
import { CalendarService } from './calendar.service.js';
import { CalendarDayDto, CalendarYearQuery, SetCalendarDayDto } from './dto/calendar.dto.js';

@ApiTags('reminders')
@Controller('calendar-days')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @RequirePermission(Permission.RemindersManage)
  @ApiOperation({ summary: '某年的节假日与调休上班日（节假日库与办公室更正）' })
  @ApiOkResponse({ type: [CalendarDayDto] })
  year(@Query() query: CalendarYearQuery) {
    return this.calendar.year(query.year);
  }

  @Put(':day')
  @RequirePermission(Permission.RemindersManage)
  @ApiOperation({ summary: '更正某一天是否上班（优先于节假日库，记入审计）' })
  @ApiOkResponse({ type: CalendarDayDto })
  set(@Param('day') day: string, @Body() dto: SetCalendarDayDto) {
    return this.calendar.set(day, dto);
  }
}
