import pg from 'pg';

/** The SQL floors: what PostgreSQL alone needs for the same answers the API gives. */

export const LIST_FLOOR = `
SELECT w.id, w.seq, w.item_no, w.text, ls.light, count(*) OVER () AS total,
  (SELECT json_agg(json_build_object('unitId', a.unit_id, 'unitName', (SELECT u.name FROM units u WHERE u.id = a.unit_id), 'role', a.role,
          'principal', a.principal, 'source', a.source, 'viaUnitName', (SELECT v.name FROM units v WHERE v.id = a.via_unit_id)) ORDER BY a.position)
     FROM assignments a WHERE a.work_item_id = w.id) AS assignments,
  (SELECT json_agg(d.*) FROM deadlines d WHERE d.work_item_id = w.id) AS deadlines,
  (SELECT json_agg(t.* ORDER BY t.position) FROM targets t WHERE t.work_item_id = w.id) AS targets,
  n.title AS area
FROM (SELECT DISTINCT work_item_id AS id FROM assignments WHERE unit_id = ANY($1::uuid[])) sc
JOIN work_items w ON w.id = sc.id
JOIN light_states ls ON ls.work_item_id = w.id AND ls.assignment_key = '' AND ls.light = $2::"Light"
LEFT JOIN plan_nodes n ON n.id = w.area_id
ORDER BY w.plan_id, w.sort_key
LIMIT 50`;

export async function dashboardFloor(pool: pg.Pool, planId: string) {
  await Promise.all([
    pool.query(
      `SELECT n.id, n.title, ls.light, count(*) FROM work_items w LEFT JOIN plan_nodes n ON n.id = w.area_id
       LEFT JOIN light_states ls ON ls.work_item_id = w.id AND ls.assignment_key = '' WHERE w.plan_id = $1 GROUP BY n.id, n.title, ls.light`,
      [planId],
    ),
    pool.query(
      `SELECT u.id, u.name, ls.light, count(*) FROM light_states ls JOIN units u ON u.id = ls.unit_id JOIN work_items w ON w.id = ls.work_item_id
       WHERE ls.assignment_key <> '' AND w.plan_id = $1 GROUP BY u.id, u.name, ls.light`,
      [planId],
    ),
    pool.query(
      `SELECT w.id, w.seq, w.text, ls.reasons FROM work_items w JOIN light_states ls ON ls.work_item_id = w.id AND ls.assignment_key = ''
       WHERE w.plan_id = $1 AND ls.reasons @> '[{"code":"OVERDUE"}]'::jsonb`,
      [planId],
    ),
    pool.query(
      // The reporting rates from the pre-aggregated tallies, as the service reads them.
      `SELECT u.id, u.name, p.id, p.label, p.due_date, s.expected, s.submitted, s.on_time,
              CASE WHEN p.due_date < current_date THEN s.expected - s.submitted ELSE 0 END
       FROM (SELECT t.period_id, t.unit_id, sum(t.expected) AS expected, sum(t.submitted) AS submitted, sum(t.on_time) AS on_time
             FROM report_tallies t WHERE t.period_id = ANY(ARRAY(SELECT id FROM reporting_periods WHERE plan_id = $1))
             GROUP BY t.period_id, t.unit_id HAVING sum(t.expected) > 0) s
       JOIN reporting_periods p ON p.id = s.period_id JOIN units u ON u.id = s.unit_id
       ORDER BY p.due_date, u.name`,
      [planId],
    ),
  ]);
}

/** The floor's audit table: the columns, defaults and indexes of `audit_events`, outside the chain. */
export const FLOOR_AUDIT_TABLE = `CREATE TABLE IF NOT EXISTS bench_floor_audit_events (LIKE audit_events INCLUDING DEFAULTS INCLUDING INDEXES)`;

/** One raw transaction doing the writes of a batch submission: the reports, their revisions, their audit events. */
export async function batchFloor(pool: pg.Pool, reports: { id: string; version: number }[], percent: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const updated = await client.query(
      `UPDATE progress_reports r SET status = 'on_track', percent = $3, done = '按计划推进', state = 'draft', version = r.version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS x(id, version) WHERE r.id = x.id AND r.version = x.version RETURNING r.id, r.version`,
      [reports.map((r) => r.id), reports.map((r) => r.version), percent],
    );
    await client.query(
      `INSERT INTO report_revisions (id, report_id, version, action, state, content)
       SELECT gen_random_uuid(), x.id, x.version, 'report.saved', 'draft', jsonb_build_object('percent', $3::int) FROM unnest($1::uuid[], $2::int[]) AS x(id, version)`,
      [updated.rows.map((r) => r.id), updated.rows.map((r) => r.version), percent],
    );
    // The service appends its audit events unlinked and seals them after the commit; the floor appends the
    // same rows to a table of the same shape, so that they never reach the service's sealer.
    await client.query(
      `INSERT INTO bench_floor_audit_events (occurred_at, action, entity_type, entity_id, after, related_type, related_id, hash_version)
       SELECT now(), 'report.saved', 'ProgressReport', x.id, jsonb_build_object('version', x.version, 'percent', $3::int), 'WorkItem', x.id, 2
       FROM unnest($1::text[], $2::int[]) AS x(id, version)`,
      [updated.rows.map((r) => r.id), updated.rows.map((r) => r.version), percent],
    );
    await client.query('COMMIT');
    for (const r of updated.rows) reports.find((x) => x.id === r.id)!.version = r.version;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}
