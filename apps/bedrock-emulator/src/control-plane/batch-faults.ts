// Fault injection for batch jobs, through the same model-id suffix as runtime faults
// (`anthropic.claude-…~batch-fail`): `batch-fail` makes the job fail while validating, and
// `record-error:N` answers every Nth record with a model error, so the job ends PartiallyCompleted.
import { splitModelIdFaults } from '../http/fault-parser';
import { invalid } from '../service-support/service-error';

export interface BatchFaults {
  failJob?: boolean;
  recordErrorEvery?: number;
}

/** The model id without its fault suffix, and the batch faults the suffix asks for. */
export function batchFaultsOf(rawModelId: string): { modelId: string; faults: BatchFaults } {
  const { modelId, faultList } = splitModelIdFaults(rawModelId);
  const faults: BatchFaults = {};
  for (const part of (faultList ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [name, argument] = part.split(':');
    if (name === 'batch-fail') faults.failJob = true;
    else if (name === 'record-error' && Number(argument) >= 1)
      faults.recordErrorEvery = Math.floor(Number(argument));
    else throw invalid(`Unknown batch fault ${part}; use batch-fail or record-error:N.`);
  }
  return { modelId, faults };
}
