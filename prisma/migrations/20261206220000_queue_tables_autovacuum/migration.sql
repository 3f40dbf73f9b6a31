-- outbox_events and audit_events are written like queues: every row is inserted, then updated once or more
-- (claimed and marked done, or sealed into the chain), and the hot queries look for the few rows not yet done
-- through partial or nullable indexes. With the default autovacuum settings (20 % of the table) their dead
-- rows pile up in proportion to the table, and those queries scan them all: 14 ms per claim, and as much
-- per seal, after 130,000 events at province scale, against 0.1 ms on vacuumed tables. Vacuum them after a
-- fixed number of dead rows instead (docs/performance.md).
ALTER TABLE outbox_events SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);
ALTER TABLE audit_events SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);
