import pg from 'pg';
import { Prisma } from '../generated/prisma/client.js';

/**
 * What a database error means for the caller, whichever way the statement went (Prisma's model API, its raw
 * statements, a read straight on the pool), for the problem filter to answer 503 rather than 500. Here, beside
 * the pools, because the pools' own reads raise DatabaseUnreachableError.
 */

/** PostgreSQL could not be reached on the pool's own reads (Prisma's paths say so with their own codes). */
export class DatabaseUnreachableError extends Error {
  constructor(readonly reason: unknown) {
    super(`database unreachable: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

/**
 * A database too busy to answer in time: a transaction past its time limit (P2028 with an expired or
 * never-started transaction), no connection within the pool wait (P2024; with the pg adapter, pg-pool's own
 * error below), the server out of connections (P2037), and PostgreSQL's own refusals of the moment, which reach us by SQLSTATE (raw statements all
 * come as P2010, and the adapter gives deadlocks no Prisma code at all): serialisation failure, deadlock,
 * lock or statement timeout, too many connections. Each is a moment of load, not a fault in the request,
 * and each rolled the transaction back.
 */
const BUSY_PRISMA_CODES = new Set(['P2024', 'P2034', 'P2037']);
/**
 * pg-pool's refusal when no connection came within DATABASE_POOL_WAIT_MS: a plain Error with no code, passed
 * through unchanged by Prisma's adapter on every path (model, raw, transaction) and by rawRead. Its text is
 * all there is to know it by; test/operability.e2e-spec.ts fails if a pg-pool release rewords it.
 */
const POOL_WAIT_EXCEEDED = 'timeout exceeded when trying to connect';
const BUSY_SQLSTATES = new Set(['40001', '40P01', '55P03', '57014', '53300']);

/**
 * The database out of reach: down, restarting, or the network between. Prisma says so by code (P1001 and
 * its kin) or, for raw statements, by the adapter's kind of error; the pool's own reads by
 * DatabaseUnreachableError (rawRead), PostgreSQL's shutdown and connection SQLSTATEs or pg's own words
 * for a dropped connection.
 */
const UNREACHABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017']);
const UNREACHABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
// Not all of class 08: 08P01 (protocol violation) is a fault in the request, not an outage.
const UNREACHABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

export function isDatabaseUnreachable(e: unknown): boolean {
  if (e instanceof DatabaseUnreachableError) return true;
  if (e instanceof Prisma.PrismaClientKnownRequestError && UNREACHABLE_PRISMA_CODES.has(e.code)) return true;
  const cause = driverCause(e);
  if (typeof cause?.kind === 'string' && UNREACHABLE_ADAPTER_KINDS.has(cause.kind)) return true;
  const sqlState = sqlStateOf(e);
  if (sqlState) return UNREACHABLE_SQLSTATES.has(sqlState);
  // pg's own words for a connection that dropped under a query, or before the next one of a transaction.
  return e instanceof Error && /^(Connection terminated (unexpectedly|due to connection timeout)|Client has encountered a connection error and is not queryable)$/.test(e.message);
}

export function isDatabaseBusy(e: unknown): boolean {
  if (e instanceof Error && e.message === POOL_WAIT_EXCEEDED) return true;
  if (e instanceof Prisma.PrismaClientKnownRequestError) {
    if (BUSY_PRISMA_CODES.has(e.code)) return true;
    // Not every P2028 is a timeout: a query on a transaction already committed is a bug, and committed.
    if (e.code === 'P2028') return /expired|in the given time|timed out/i.test(e.message);
  }
  return BUSY_SQLSTATES.has(sqlStateOf(e) ?? '');
}

/** PostgreSQL's SQLSTATE: pg's own error on a read straight on the pool (PrismaService.rawRead), else the adapter's under Prisma's. */
function sqlStateOf(e: unknown): string | undefined {
  const code = e instanceof pg.DatabaseError ? e.code : driverCause(e)?.originalCode;
  return typeof code === 'string' ? code : undefined;
}

/** What the pg adapter says PostgreSQL answered (SQLSTATE; a violated constraint's columns): on the error itself, or under a Prisma error's meta. */
export function driverCause(e: unknown): { kind?: unknown; originalCode?: unknown; constraint?: { fields?: string[] } } | undefined {
  const adapterError = e instanceof Prisma.PrismaClientKnownRequestError ? (e.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError : e;
  if (!adapterError || typeof adapterError !== 'object' || !('cause' in adapterError)) return undefined;
  const cause = (adapterError as { cause?: unknown }).cause;
  return cause && typeof cause === 'object' ? (cause as { kind?: unknown; originalCode?: unknown; constraint?: { fields?: string[] } }) : undefined;
}
