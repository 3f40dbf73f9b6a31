import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class LightRulesDto {
  @ApiProperty({ example: 30, description: '距完成时限多少天内未完成即为黄灯' })
  @IsInt()
  @Min(0)
  @Max(365)
  dueSoonDays: number;

  @ApiProperty({ example: 10, description: '落后序时进度多少个百分点起为黄灯' })
  @IsInt()
  @Min(1)
  @Max(100)
  behindYellow: number;

  @ApiProperty({ example: 30, description: '落后序时进度超过多少个百分点为红灯' })
  @IsInt()
  @Min(1)
  @Max(100)
  behindRed: number;

  @ApiProperty({ example: 1, description: '连续几期未报为黄灯' })
  @IsInt()
  @Min(1)
  @Max(12)
  missingYellow: number;

  @ApiProperty({ example: 2, description: '连续几期未报为红灯' })
  @IsInt()
  @Min(1)
  @Max(12)
  missingRed: number;
}
