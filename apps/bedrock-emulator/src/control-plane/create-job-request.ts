// Validation of a CreateModelInvocationJob body, with Bedrock's field patterns and ranges.
import { resolveModel } from '../catalogue/model-resolver';
import {
  expectNonEmptyString,
  expectRecord,
  isRecord,
  optionalArray,
  optionalNumber,
  optionalRecord,
  optionalString,
  type JsonRecord,
} from '../service-support/request-body';
import { invalid, validationError } from '../service-support/service-error';
import type { JobSpecification, ModelInvocationType } from './batch-job';
import { batchFaultsOf } from './batch-faults';
import { parseS3Uri } from './s3-uri';

const JOB_NAME = /^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/;
const ROLE_ARN = /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/;
const CLIENT_REQUEST_TOKEN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/;
/** AWS uses 168 hours (one week) when the caller leaves the timeout out. */
export const DEFAULT_TIMEOUT_HOURS = 168;

export function parseCreateJobRequest(body: JsonRecord): JobSpecification {
  const jobName = expectNonEmptyString(body.jobName, 'jobName');
  if (jobName.length > 63 || !JOB_NAME.test(jobName)) {
    throw validationError(
      'jobName',
      'Member must satisfy regular expression pattern: [a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\\+\\-\\.]){0,63}',
      jobName,
    );
  }
  const roleArn = expectNonEmptyString(body.roleArn, 'roleArn');
  if (!ROLE_ARN.test(roleArn)) {
    throw validationError(
      'roleArn',
      'Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+',
      roleArn,
    );
  }
  const requestedModelId = expectNonEmptyString(body.modelId, 'modelId');
  const { modelId: checkedModelId, faults } = batchFaultsOf(requestedModelId);
  const modelInvocationType = invocationTypeOf(body);
  checkBatchModel(checkedModelId, modelInvocationType);
  const modelId = checkedModelId;

  const inputDataConfig = expectRecord(body.inputDataConfig, 'inputDataConfig');
  const s3Input = expectRecord(inputDataConfig.s3InputDataConfig, 'inputDataConfig.s3InputDataConfig');
  const input = parseS3Uri(
    expectNonEmptyString(s3Input.s3Uri, 'inputDataConfig.s3InputDataConfig.s3Uri'),
    'inputDataConfig.s3InputDataConfig.s3Uri',
  );
  const inputFormat = optionalString(
    s3Input.s3InputFormat,
    'inputDataConfig.s3InputDataConfig.s3InputFormat',
  );
  if (inputFormat !== undefined && inputFormat !== 'JSONL') {
    throw validationError(
      'inputDataConfig.s3InputDataConfig.s3InputFormat',
      'Member must satisfy enum value set: [JSONL]',
      inputFormat,
    );
  }
  const outputDataConfig = expectRecord(body.outputDataConfig, 'outputDataConfig');
  const s3Output = expectRecord(outputDataConfig.s3OutputDataConfig, 'outputDataConfig.s3OutputDataConfig');
  const output = parseS3Uri(
    expectNonEmptyString(s3Output.s3Uri, 'outputDataConfig.s3OutputDataConfig.s3Uri'),
    'outputDataConfig.s3OutputDataConfig.s3Uri',
  );

  const clientRequestToken = optionalString(body.clientRequestToken, 'clientRequestToken');
  if (clientRequestToken !== undefined && !CLIENT_REQUEST_TOKEN.test(clientRequestToken)) {
    throw validationError(
      'clientRequestToken',
      'Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9])*',
      clientRequestToken,
    );
  }
  const timeoutDurationInHours =
    optionalNumber(body.timeoutDurationInHours, 'timeoutDurationInHours', {
      min: 24,
      max: 168,
      integer: true,
    }) ?? DEFAULT_TIMEOUT_HOURS;

  return {
    jobName,
    roleArn,
    modelId,
    faults,
    clientRequestToken,
    input,
    output,
    inputDataConfig,
    outputDataConfig,
    timeoutDurationInHours,
    modelInvocationType,
    vpcConfig: optionalRecord(body.vpcConfig, 'vpcConfig'),
    tags: tagsOf(body),
  };
}

function invocationTypeOf(body: JsonRecord): ModelInvocationType {
  const value = optionalString(body.modelInvocationType, 'modelInvocationType') ?? 'InvokeModel';
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

function tagsOf(body: JsonRecord): Array<{ key: string; value: string }> {
  return (optionalArray(body.tags, 'tags') ?? []).map((tag, index) => {
    const path = `tags.${index + 1}`;
    if (!isRecord(tag)) throw validationError(path, 'Member must be an object', tag);
    return {
      key: expectNonEmptyString(tag.key, `${path}.key`),
      value: optionalString(tag.value, `${path}.value`) ?? '',
    };
  });
}
