import type { BatchJob, JobStatus } from './batch-job';
import { listJobs, parseJobListQuery } from './job-listing';

function job(sequence: number, name: string, status: JobStatus, submitTime: string): BatchJob {
  return {
    jobId: `job${sequence}`,
    jobArn: `arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/job${sequence}`,
    sequence,
    status,
    submitTime: new Date(submitTime),
    lastModifiedTime: new Date(submitTime),
    jobExpirationTime: new Date(submitTime),
    specification: { jobName: name } as BatchJob['specification'],
  };
}

const jobs = [
  job(0, 'alpha-1', 'Completed', '2025-01-01T00:00:00Z'),
  job(1, 'beta-1', 'InProgress', '2025-01-02T00:00:00Z'),
  job(2, 'alpha-2', 'Failed', '2025-01-03T00:00:00Z'),
  job(3, 'alpha-3', 'Completed', '2025-01-04T00:00:00Z'),
];

function names(query: string): string[] {
  return listJobs(jobs, parseJobListQuery(new URLSearchParams(query))).page.map(
    (found) => found.specification.jobName,
  );
}

describe('listJobs', () => {
  it('lists newest first by default and oldest first when Ascending', () => {
    expect(names('')).toEqual(['alpha-3', 'alpha-2', 'beta-1', 'alpha-1']);
    expect(names('sortBy=CreationTime&sortOrder=Ascending')).toEqual([
      'alpha-1',
      'beta-1',
      'alpha-2',
      'alpha-3',
    ]);
  });

  it('filters by status, name and submit time', () => {
    expect(names('statusEquals=Completed')).toEqual(['alpha-3', 'alpha-1']);
    expect(names('nameContains=alpha&statusEquals=Failed')).toEqual(['alpha-2']);
    expect(names('submitTimeAfter=2025-01-01T00:00:00Z&submitTimeBefore=2025-01-04T00:00:00Z')).toEqual([
      'alpha-2',
      'beta-1',
    ]);
  });

  it('pages with maxResults and nextToken until the last page, which has no token', () => {
    const first = listJobs(jobs, parseJobListQuery(new URLSearchParams('maxResults=3')));
    expect(first.page).toHaveLength(3);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = listJobs(
      jobs,
      parseJobListQuery(new URLSearchParams({ maxResults: '3', nextToken: first.nextToken! })),
    );
    expect(second.page.map((found) => found.specification.jobName)).toEqual(['alpha-1']);
    expect(second.nextToken).toBeUndefined();
  });

  it('rejects bad parameters naming them', () => {
    expect(() => parseJobListQuery(new URLSearchParams('statusEquals=Done'))).toThrow(/'statusEquals'/);
    expect(() => parseJobListQuery(new URLSearchParams('maxResults=0'))).toThrow(/'maxResults'/);
    expect(() => parseJobListQuery(new URLSearchParams('sortOrder=Up'))).toThrow(/'sortOrder'/);
    expect(() => parseJobListQuery(new URLSearchParams('submitTimeAfter=yesterday'))).toThrow(
      /'submitTimeAfter'/,
    );
    expect(() => parseJobListQuery(new URLSearchParams('nextToken=garbage'))).toThrow(/nextToken is invalid/);
  });
});
