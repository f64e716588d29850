import {
  expectNonEmptyString,
  expectRecord,
  optionalNumber,
  optionalStringArray,
  parseJsonBody,
  rejectExtraneousKeys,
} from './request-body';

const constraint = (path: string, shown: string, rule: string) =>
  `1 validation error detected: Value ${shown} at '${path}' failed to satisfy constraint: ${rule}`;

describe('the request body kit', () => {
  it('reads a JSON object body, an empty body as {}, and refuses anything else', () => {
    expect(parseJsonBody(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(parseJsonBody(Buffer.alloc(0))).toEqual({});
    expect(() => parseJsonBody('{"a":')).toThrow(/not valid JSON/);
    expect(() => parseJsonBody('[1]')).toThrow('Malformed input request: #: expected type: JSONObject');
  });

  it('names a missing or mistyped member by its path in AWS wording', () => {
    expect(() => expectRecord(undefined, 'input')).toThrow(
      constraint('input', 'null', 'Member must not be null'),
    );
    expect(() => expectRecord([1], 'input')).toThrow(
      constraint('input', "'[1]'", 'Member must be an object'),
    );
    expect(() => optionalStringArray(['a', 2], 'stop')).toThrow(
      constraint('stop.1', "'2'", 'Member must be a string'),
    );
    expect(() => expectNonEmptyString('', 'jobName')).toThrow(
      constraint('jobName', "''", 'Member must have length greater than or equal to 1'),
    );
  });

  it('checks numbers for type, integrality and range', () => {
    expect(optionalNumber(undefined, 'seed')).toBeUndefined();
    expect(optionalNumber(5, 'seed', { min: 0, max: 10, integer: true })).toBe(5);
    expect(() => optionalNumber(1.5, 'seed', { integer: true })).toThrow('Member must be an integer');
    expect(() => optionalNumber(0, 'maxResults', { min: 1 })).toThrow(
      constraint('maxResults', "'0'", 'Member must have value greater than or equal to 1'),
    );
  });

  it('checks model-native bodies in the JSON-schema wording Bedrock uses for them', () => {
    expect(() => rejectExtraneousKeys({ stream: true }, ['prompt'])).toThrow(
      'Malformed input request: #: extraneous key [stream] is not permitted, please reformat your input and try again.',
    );
  });
});
