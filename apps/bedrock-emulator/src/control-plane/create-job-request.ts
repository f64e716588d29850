// Validation of a CreateModelInvocationJob body, with Bedrock's field patterns and ranges.
import { resolveModel } from '../catalogue/model-resolver';
import {
  isObject,
  optionalArray,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredObject,
  requiredString,
  type JsonObject,
} from '../service-support/request-body';
import { invalid, validationError } from '../service-support/service-error';
import type { JobSpecification, ModelInvocationType } from './batch-job';
import { parseS3Uri } from './s3-uri';

const JOB_NAME = /^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/;
const ROLE_ARN = /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/;
const CLIENT_REQUEST_TOKEN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/;
/** AWS uses 168 hours (one week) when the caller leaves the timeout out. */
export const DEFAULT_TIMEOUT_HOURS = 168;

export function parseCreateJobRequest(body: JsonObject): JobSpecification {
  const jobName = requiredString(body, 'jobName');
  if (jobName.length > 63 || !JOB_NAME.test(jobName)) {
    throw validationError(
      'jobName',
      'Member must satisfy regular expression pattern: [a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\\+\\-\\.]){0,63}',
      jobName,
    );
  }
  const roleArn = requiredString(body, 'roleArn');
  if (!ROLE_ARN.test(roleArn)) {
    throw validationError(
      'roleArn',
      'Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+',
      roleArn,
    );
  }
  const modelId = requiredString(body, 'modelId');
  const modelInvocationType = invocationTypeOf(body);
  checkBatchModel(modelId, modelInvocationType);

  const inputDataConfig = requiredObject(body, 'inputDataConfig');
  const s3Input = requiredObject(inputDataConfig, 's3InputDataConfig', 'inputDataConfig.s3InputDataConfig');
  const input = parseS3Uri(
    requiredString(s3Input, 's3Uri', 'inputDataConfig.s3InputDataConfig.s3Uri'),
    'inputDataConfig.s3InputDataConfig.s3Uri',
  );
  const inputFormat = optionalString(
    s3Input,
    's3InputFormat',
    'inputDataConfig.s3InputDataConfig.s3InputFormat',
  );
  if (inputFormat !== undefined && inputFormat !== 'JSONL') {
    throw validationError(
      'inputDataConfig.s3InputDataConfig.s3InputFormat',
      'Member must satisfy enum value set: [JSONL]',
      inputFormat,
    );
  }
  const outputDataConfig = requiredObject(body, 'outputDataConfig');
  const s3Output = requiredObject(
    outputDataConfig,
    's3OutputDataConfig',
    'outputDataConfig.s3OutputDataConfig',
  );
  const output = parseS3Uri(
    requiredString(s3Output, 's3Uri', 'outputDataConfig.s3OutputDataConfig.s3Uri'),
    'outputDataConfig.s3OutputDataConfig.s3Uri',
  );

  const clientRequestToken = optionalString(body, 'clientRequestToken');
  if (clientRequestToken !== undefined && !CLIENT_REQUEST_TOKEN.test(clientRequestToken)) {
    throw validationError(
      'clientRequestToken',
      'Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9])*',
      clientRequestToken,
    );
  }
  const timeoutDurationInHours =
    optionalInteger(body, 'timeoutDurationInHours', { min: 24, max: 168 }) ?? DEFAULT_TIMEOUT_HOURS;

  return {
    jobName,
    roleArn,
    modelId,
    clientRequestToken,
    input,
    output,
    inputDataConfig,
    outputDataConfig,
    timeoutDurationInHours,
    modelInvocationType,
    vpcConfig: optionalObject(body, 'vpcConfig'),
    tags: tagsOf(body),
  };
}

function invocationTypeOf(body: JsonObject): ModelInvocationType {
  const value = optionalString(body, 'modelInvocationType') ?? 'InvokeModel';
  if (value !== 'InvokeModel' && value !== 'Converse') {
    throw validationError(
      'modelInvocationType',
      'Member must satisfy enum value set: [InvokeModel, Converse]',
      value,
    );
  }
  return value;
}

/** Any id form the runtime accepts (base id, profile id, ARN), as long as the model answers that operation. */
function checkBatchModel(modelId: string, invocationType: ModelInvocationType): void {
  const resolution = resolveModel(modelId);
  if (!resolution.ok) throw invalid(resolution.message);
  const supported =
    invocationType === 'Converse' ? resolution.model.operations.converse : resolution.model.operations.invoke;
  if (!supported) {
    throw invalid(
      `The provided model ${modelId} doesn't support batch inference with modelInvocationType ${invocationType}.`,
    );
  }
}

function tagsOf(body: JsonObject): Array<{ key: string; value: string }> {
  return (optionalArray(body, 'tags') ?? []).map((tag, index) => {
    const path = `tags.${index + 1}`;
    if (!isObject(tag)) throw validationError(path, 'Member must be an object', tag);
    return {
      key: requiredString(tag, 'key', `${path}.key`),
      value: optionalString(tag, 'value', `${path}.value`) ?? '',
    };
  });
}
