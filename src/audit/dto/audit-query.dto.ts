import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';

export const AUDITED_ENTITIES = ['Plan', 'Unit', 'WorkItem', 'User', 'ImportRun'] as const;

export class AuditQuery {
  @ApiProperty({ enum: AUDITED_ENTITIES })
  @IsIn(AUDITED_ENTITIES)
  entityType: (typeof AUDITED_ENTITIES)[number];

  @ApiProperty()
  @IsString()
  @MaxLength(100)
  entityId: string;
}
