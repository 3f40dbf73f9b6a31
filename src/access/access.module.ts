import { Global, Module } from '@nestjs/common';
import { PrincipalCache } from './principal-cache.js';

/** What every module may need to know about access: the short-lived principal cache and its invalidation. */
@Global()
@Module({ providers: [PrincipalCache], exports: [PrincipalCache] })
export class AccessModule {}
