import { Global, Injectable, Module } from '@nestjs/common';

/** The time source of every rule that depends on "now", so tests can fix the date instead of sleeping. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
