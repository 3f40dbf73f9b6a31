import { Module } from '@nestjs/common';
import { PlanReviewsController } from './plan-reviews.controller.js';
import { PlanReviewsService } from './plan-reviews.service.js';

@Module({ controllers: [PlanReviewsController], providers: [PlanReviewsService] })
export class PlanReviewsModule {}
