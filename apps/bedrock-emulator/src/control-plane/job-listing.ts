// ListModelInvocationJobs: query filters, sorting and opaque offset-based page tokens.
import { invalid, validationError } from '../service-support/service-error';
import { JOB_STATUSES, type BatchJob, type JobStatus } from './batch-job';

export const MAX_PAGE_SIZE = 1000;

export interface JobListQuery {
  statusEquals?: JobStatus;
  nameContains?: string;
  submitTimeAfter?: Date;
  submitTimeBefore?: Date;
  sortOrder: 'Ascending' | 'Descending';
  maxResults: number;
  offset: number;
}

export function parseJobListQuery(query: URLSearchParams): JobListQuery {
  const statusEquals = query.get('statusEquals') ?? undefined;
  if (statusEquals !== undefined && !(JOB_STATUSES as readonly string[]).includes(statusEquals)) {
    throw validationError(
      'statusEquals',
      `Member must satisfy enum value set: [${JOB_STATUSES.join(', ')}]`,
      statusEquals,
    );
  }
  const sortBy = query.get('sortBy');
  if (sortBy !== null && sortBy !== 'CreationTime') {
    throw validationError('sortBy', 'Member must satisfy enum value set: [CreationTime]', sortBy);
  }
  const sortOrder = query.get('sortOrder') ?? 'Descending';
  if (sortOrder !== 'Ascending' && sortOrder !== 'Descending') {
    throw validationError(
      'sortOrder',
      'Member must satisfy enum value set: [Ascending, Descending]',
      sortOrder,
    );
  }
  return {
    statusEquals: statusEquals as JobStatus | undefined,
    nameContains: query.get('nameContains') ?? undefined,
    submitTimeAfter: timeParameter(query, 'submitTimeAfter'),
    submitTimeBefore: timeParameter(query, 'submitTimeBefore'),
    sortOrder,
    maxResults: maxResultsParameter(query),
    offset: decodePageToken(query.get('nextToken')),
  };
}

export function listJobs(
  jobs: Iterable<BatchJob>,
  query: JobListQuery,
): { page: BatchJob[]; nextToken?: string } {
  const matching = [...jobs]
    .filter((job) => query.statusEquals === undefined || job.status === query.statusEquals)
    .filter(
      (job) => query.nameContains === undefined || job.specification.jobName.includes(query.nameContains),
    )
    .filter((job) => query.submitTimeAfter === undefined || job.submitTime > query.submitTimeAfter)
    .filter((job) => query.submitTimeBefore === undefined || job.submitTime < query.submitTimeBefore)
    .sort((left, right) => left.sequence - right.sequence);
  if (query.sortOrder === 'Descending') matching.reverse();
  const end = query.offset + query.maxResults;
  const page = matching.slice(query.offset, end);
  return end < matching.length ? { page, nextToken: encodePageToken(end) } : { page };
}

function timeParameter(query: URLSearchParams, name: string): Date | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime()))
    throw validationError(name, 'Member must be an ISO 8601 date-time', value);
  return time;
}

function maxResultsParameter(query: URLSearchParams): number {
  const value = query.get('maxResults');
  if (value === null) return MAX_PAGE_SIZE;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > MAX_PAGE_SIZE) {
    throw validationError('maxResults', `Member must have value between 1 and ${MAX_PAGE_SIZE}`, value);
  }
  return number;
}

/** Tokens are opaque to clients; inside they carry the offset of the next page. */
function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function decodePageToken(token: string | null): number {
  if (token === null || token === '') return 0;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const offset = (decoded as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw invalid('The provided nextToken is invalid.');
}
