-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('email', 'wecom', 'dingtalk');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'dead');

-- CreateEnum
CREATE TYPE "NoticeState" AS ENUM ('issued', 'acknowledged', 'replied', 'closed');

-- CreateEnum
CREATE TYPE "NoticeLevel" AS ENUM ('urge', 'supervise', 'listed');

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "recipient_id" UUID NOT NULL,
    "occurrence" TEXT NOT NULL,
    "plan_id" UUID,
    "unit_id" UUID,
    "day" DATE NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_deliveries" (
    "id" UUID NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "target" UUID NOT NULL,
    "day" DATE NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "notification_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "locked_until" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "dead_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempts" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "error" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit_channel_settings" (
    "unit_id" UUID NOT NULL,
    "wecom_webhook" TEXT,
    "dingtalk_webhook" TEXT,
    "dingtalk_secret" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "unit_channel_settings_pkey" PRIMARY KEY ("unit_id")
);

-- CreateTable
CREATE TABLE "user_notification_settings" (
    "user_id" UUID NOT NULL,
    "email" TEXT,
    "email_opt_out" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_notification_settings_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "reminder_settings" (
    "plan_id" UUID NOT NULL,
    "rules" JSONB NOT NULL,
    "notice_pattern" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reminder_settings_pkey" PRIMARY KEY ("plan_id")
);

-- CreateTable
CREATE TABLE "calendar_overrides" (
    "day" DATE NOT NULL,
    "workday" BOOLEAN NOT NULL,
    "name" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "calendar_overrides_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "reminder_mutes" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminder_mutes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supervision_notices" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "number_text" TEXT NOT NULL,
    "work_item_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "level" "NoticeLevel" NOT NULL,
    "state" "NoticeState" NOT NULL DEFAULT 'issued',
    "reason" TEXT NOT NULL,
    "requested_action" TEXT NOT NULL,
    "reply_deadline" DATE NOT NULL,
    "issued_by_id" UUID NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_by_id" UUID,
    "acknowledged_at" TIMESTAMPTZ(3),
    "reply_text" TEXT,
    "replied_by_id" UUID,
    "replied_at" TIMESTAMPTZ(3),
    "return_reason" TEXT,
    "closed_by_id" UUID,
    "closed_at" TIMESTAMPTZ(3),
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "escalated_at" TIMESTAMPTZ(3),
    "deadline_escalated" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "supervision_notices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notice_counters" (
    "plan_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "notice_counters_pkey" PRIMARY KEY ("plan_id","year")
);

-- CreateIndex
CREATE INDEX "notifications_recipient_id_created_at_idx" ON "notifications"("recipient_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_day_idx" ON "notifications"("day");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_rule_subject_key_recipient_id_occurrence_key" ON "notifications"("rule", "subject_key", "recipient_id", "occurrence");

-- CreateIndex
CREATE INDEX "notification_deliveries_status_idx" ON "notification_deliveries"("status");

-- CreateIndex
CREATE UNIQUE INDEX "notification_deliveries_channel_target_day_key" ON "notification_deliveries"("channel", "target", "day");

-- CreateIndex
CREATE INDEX "delivery_attempts_delivery_id_idx" ON "delivery_attempts"("delivery_id");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_mutes_plan_id_unit_id_rule_key" ON "reminder_mutes"("plan_id", "unit_id", "rule");

-- CreateIndex
CREATE INDEX "supervision_notices_unit_id_state_idx" ON "supervision_notices"("unit_id", "state");

-- CreateIndex
CREATE INDEX "supervision_notices_work_item_id_idx" ON "supervision_notices"("work_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "supervision_notices_plan_id_year_number_key" ON "supervision_notices"("plan_id", "year", "number");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "notification_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_channel_settings" ADD CONSTRAINT "unit_channel_settings_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_notification_settings" ADD CONSTRAINT "user_notification_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_settings" ADD CONSTRAINT "reminder_settings_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_mutes" ADD CONSTRAINT "reminder_mutes_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_work_item_id_fkey" FOREIGN KEY ("work_item_id") REFERENCES "work_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
