-- CreateIndex
CREATE INDEX "work_items_node_id_idx" ON "work_items"("node_id");

-- CreateIndex
CREATE INDEX "progress_reports_assignment_id_idx" ON "progress_reports"("assignment_id");
