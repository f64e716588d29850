import { folderPrefix, outputKey, parseS3Uri } from './s3-uri';

describe('parseS3Uri', () => {
  it('splits bucket and key, keeping a folder slash', () => {
    expect(parseS3Uri('s3://in-bucket/input/', 'f')).toEqual({ bucket: 'in-bucket', key: 'input/' });
    expect(parseS3Uri('s3://in-bucket/a/b.jsonl', 'f')).toEqual({ bucket: 'in-bucket', key: 'a/b.jsonl' });
    expect(parseS3Uri('s3://in-bucket', 'f')).toEqual({ bucket: 'in-bucket', key: '' });
  });

  it.each(['https://bucket/key', 's3://UPPER/key', 's3://ab', 's3:///key', 'bucket/key'])(
    'rejects %s naming the field',
    (uri) => {
      expect(() => parseS3Uri(uri, 'inputDataConfig.s3InputDataConfig.s3Uri')).toThrow(
        /at 'inputDataConfig\.s3InputDataConfig\.s3Uri' failed to satisfy constraint/,
      );
    },
  );
});

describe('outputKey', () => {
  it('puts files in a folder named after the job id under the output prefix', () => {
    expect(outputKey('output', 'job123', 'records.jsonl.out')).toBe('output/job123/records.jsonl.out');
    expect(outputKey('output/', 'job123', 'manifest.json.out')).toBe('output/job123/manifest.json.out');
    expect(outputKey('', 'job123', 'x.out')).toBe('job123/x.out');
    expect(folderPrefix('')).toBe('');
  });
});
