-- report_tallies: the dashboard's reporting figures per period, unit and area, kept in the transaction of
-- every write that changes them, so the office reads a few rows instead of aggregating every report.
--
-- A report counts as expected when its assignment was still current at the end of the period's due day
-- (a re-import may end it later); submitted once signed off (first_submitted_at); on time when that
-- first sign-off came before the end of the due day, Asia/Shanghai. These are the rules the dashboard
-- applied to the raw rows before; test/report-tallies.e2e-spec.ts compares the two after random writes.
--
-- Statement-level triggers with transition tables: a batch of 40 sign-offs is one delta, not 40.
-- Deltas add up, so concurrent writers never overwrite each other; rows are touched in key order, so
-- two writers cannot deadlock on them.

CREATE OR REPLACE FUNCTION report_tally_apply(
  signs int[], periods uuid[], units uuid[], areas uuid[], dues date[], ends timestamptz[], subs timestamptz[]
) RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_tallies AS t (period_id, unit_id, area_id, expected, submitted, on_time)
  SELECT period_id, unit_id, area_id,
         sum(CASE WHEN owed THEN sign ELSE 0 END),
         sum(CASE WHEN owed AND sub IS NOT NULL THEN sign ELSE 0 END),
         sum(CASE WHEN owed AND sub < day_end THEN sign ELSE 0 END)
    FROM (SELECT x.*, (due + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS day_end,
                 (ended IS NULL OR ended >= (due + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS owed
            FROM unnest(signs, periods, units, areas, dues, ends, subs) AS x(sign, period_id, unit_id, area_id, due, ended, sub)) r
   GROUP BY period_id, unit_id, area_id
  HAVING sum(CASE WHEN owed THEN sign ELSE 0 END) <> 0
      OR sum(CASE WHEN owed AND sub IS NOT NULL THEN sign ELSE 0 END) <> 0
      OR sum(CASE WHEN owed AND sub < day_end THEN sign ELSE 0 END) <> 0
   ORDER BY period_id, unit_id, area_id
  ON CONFLICT (period_id, unit_id, area_id) DO UPDATE
     SET expected = t.expected + EXCLUDED.expected,
         submitted = t.submitted + EXCLUDED.submitted,
         on_time = t.on_time + EXCLUDED.on_time;
$$;

-- Reports: new ones add, deleted ones subtract, an update moves what changed (a draft save changes nothing).
-- One function per operation: a transition table exists only for the operations that have it.
CREATE OR REPLACE FUNCTION report_tallies_on_report_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_tally_apply(array_agg(1), array_agg(n.period_id), array_agg(n.unit_id), array_agg(w.area_id),
                             array_agg(p.due_date), array_agg(a.ended_at), array_agg(n.first_submitted_at))
    FROM new_rows n
    JOIN reporting_periods p ON p.id = n.period_id
    JOIN assignments a ON a.id = n.assignment_id
    JOIN work_items w ON w.id = n.work_item_id;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION report_tallies_on_report_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_tally_apply(array_agg(-1), array_agg(o.period_id), array_agg(o.unit_id), array_agg(w.area_id),
                             array_agg(p.due_date), array_agg(a.ended_at), array_agg(o.first_submitted_at))
    FROM old_rows o
    JOIN reporting_periods p ON p.id = o.period_id
    JOIN assignments a ON a.id = o.assignment_id
    JOIN work_items w ON w.id = o.work_item_id;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION report_tallies_on_report_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_tally_apply(array_agg(s.sign), array_agg(s.period_id), array_agg(s.unit_id), array_agg(w.area_id),
                             array_agg(p.due_date), array_agg(a.ended_at), array_agg(s.first_submitted_at))
    FROM old_rows o
    JOIN new_rows n ON n.id = o.id
     AND (n.first_submitted_at, n.period_id, n.unit_id, n.assignment_id, n.work_item_id)
         IS DISTINCT FROM (o.first_submitted_at, o.period_id, o.unit_id, o.assignment_id, o.work_item_id)
    CROSS JOIN LATERAL (VALUES (-1, o.period_id, o.unit_id, o.assignment_id, o.work_item_id, o.first_submitted_at),
                               (1, n.period_id, n.unit_id, n.assignment_id, n.work_item_id, n.first_submitted_at))
         AS s(sign, period_id, unit_id, assignment_id, work_item_id, first_submitted_at)
    JOIN reporting_periods p ON p.id = s.period_id
    JOIN assignments a ON a.id = s.assignment_id
    JOIN work_items w ON w.id = s.work_item_id;
  RETURN NULL;
END;
$$;

-- An assignment ended (or brought back) by a re-import: its reports of periods due after that stop (or
-- start again) being owed.
CREATE OR REPLACE FUNCTION report_tallies_on_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_tally_apply(array_agg(s.sign), array_agg(r.period_id), array_agg(r.unit_id), array_agg(w.area_id),
                             array_agg(p.due_date), array_agg(s.ended_at), array_agg(r.first_submitted_at))
    FROM old_rows o
    JOIN new_rows n ON n.id = o.id AND n.ended_at IS DISTINCT FROM o.ended_at
    CROSS JOIN LATERAL (VALUES (-1, o.ended_at), (1, n.ended_at)) AS s(sign, ended_at)
    JOIN progress_reports r ON r.assignment_id = n.id
    JOIN reporting_periods p ON p.id = r.period_id
    JOIN work_items w ON w.id = r.work_item_id;
  RETURN NULL;
END;
$$;

-- A work item moved to another area by a re-import: its reports move with it.
CREATE OR REPLACE FUNCTION report_tallies_on_work_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_tally_apply(array_agg(s.sign), array_agg(r.period_id), array_agg(r.unit_id), array_agg(s.area_id),
                             array_agg(p.due_date), array_agg(a.ended_at), array_agg(r.first_submitted_at))
    FROM old_rows o
    JOIN new_rows n ON n.id = o.id AND n.area_id IS DISTINCT FROM o.area_id
    CROSS JOIN LATERAL (VALUES (-1, o.area_id), (1, n.area_id)) AS s(sign, area_id)
    JOIN progress_reports r ON r.work_item_id = n.id
    JOIN reporting_periods p ON p.id = r.period_id
    JOIN assignments a ON a.id = r.assignment_id;
  RETURN NULL;
END;
$$;

-- A period's due day moved: what was owed and on time is judged against the new day.
CREATE OR REPLACE FUNCTION report_tallies_on_periods() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_tally_apply(array_agg(s.sign), array_agg(r.period_id), array_agg(r.unit_id), array_agg(w.area_id),
                             array_agg(s.due_date), array_agg(a.ended_at), array_agg(r.first_submitted_at))
    FROM old_rows o
    JOIN new_rows n ON n.id = o.id AND n.due_date IS DISTINCT FROM o.due_date
    CROSS JOIN LATERAL (VALUES (-1, o.due_date), (1, n.due_date)) AS s(sign, due_date)
    JOIN progress_reports r ON r.period_id = n.id
    JOIN assignments a ON a.id = r.assignment_id
    JOIN work_items w ON w.id = r.work_item_id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER report_tallies_insert AFTER INSERT ON progress_reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tallies_on_report_insert();
CREATE TRIGGER report_tallies_update AFTER UPDATE ON progress_reports
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tallies_on_report_update();
CREATE TRIGGER report_tallies_delete AFTER DELETE ON progress_reports
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tallies_on_report_delete();
CREATE TRIGGER report_tallies_assignments AFTER UPDATE ON assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tallies_on_assignments();
CREATE TRIGGER report_tallies_work_items AFTER UPDATE ON work_items
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tallies_on_work_items();
CREATE TRIGGER report_tallies_periods AFTER UPDATE ON reporting_periods
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tallies_on_periods();

-- What exists already.
SELECT report_tally_apply(array_agg(1), array_agg(r.period_id), array_agg(r.unit_id), array_agg(w.area_id),
                          array_agg(p.due_date), array_agg(a.ended_at), array_agg(r.first_submitted_at))
  FROM progress_reports r
  JOIN reporting_periods p ON p.id = r.period_id
  JOIN assignments a ON a.id = r.assignment_id
  JOIN work_items w ON w.id = r.work_item_id;
