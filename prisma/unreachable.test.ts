import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDatabaseUnreachable } from './unreachable.ts';

// The shapes Prisma 7 with @prisma/adapter-pg and PGlite gave against a real server (see app/api/database-outage.integration.test.ts).
const prismaError = (code: string, cause: Record<string, unknown>): Error =>
  Object.assign(new Error('\nInvalid `db.documentVersion.findMany()` invocation'), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
  });
const postgres = (code: string, message: string): Error => prismaError('P2039', { kind: 'postgres', code, message });

test('a server that refuses, drops, times out or shuts down is unreachable', () => {
  const unreachable = [
    prismaError('P1001', { kind: 'DatabaseNotReachable', host: '10.0.0.5', port: 5432 }),
    prismaError('P2039', { kind: 'ConnectionClosed' }),
    prismaError('P2039', { kind: 'SocketTimeout' }),
    prismaError('P2039', { kind: 'DatabaseDoesNotExist', db: 'catalogue' }),
    postgres('57P01', 'terminating connection due to administrator command'),
    postgres('57P03', 'the database system is starting up'),
    postgres('08006', 'connection failure'),
    postgres('53300', 'sorry, too many clients already'),
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
    new Error('PGlite is closed'),
    new Error('the query failed', { cause: new Error('Connection terminated due to connection timeout') }),
  ];
  for (const error of unreachable) assert.ok(isDatabaseUnreachable(error), error.message);
});

test('a query the database refused, or anything else, is not an outage', () => {
  const reachable = [
    postgres('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
    postgres('42P01', 'relation "document" does not exist'),
    prismaError('P2002', { kind: 'UniqueConstraintViolation', constraint: { fields: ['slug'] } }),
    new Error('PGlite is closed, but this message says more'),
    new TypeError('Cannot read properties of undefined'),
    'ECONNREFUSED',
    null,
  ];
  for (const error of reachable) assert.equal(isDatabaseUnreachable(error), false, String(error));
});
