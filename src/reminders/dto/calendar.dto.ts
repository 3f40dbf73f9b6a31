import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CalendarYearQuery {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt({ message: '须为整数年份' })
  @Min(2000, { message: '不能早于 2000' })
  @Max(2100, { message: '不能晚于 2100' })
  year: number;
}

export class SetCalendarDayDto {
  @ApiProperty({ description: 'true：上班（含调休上班日）；false：放假' })
  @IsBoolean({ message: '须为 true 或 false' })
  workday: boolean;

  @ApiProperty({ example: '元旦', description: '说明，如「元旦」「春节调休上班」' })
  @IsString()
  @MinLength(1, { message: '不能为空' })
  @MaxLength(50, { message: '不能超过 50 个字' })
  name: string;
}

export class CalendarDayDto {
  @ApiProperty() day: string;
  @ApiProperty() workday: boolean;
  @ApiProperty({ type: String, nullable: true, description: '办公室的更正说明；null 表示取自节假日库' }) name: string | null;
  @ApiProperty({ enum: ['office', 'library'] }) source: string;
}
