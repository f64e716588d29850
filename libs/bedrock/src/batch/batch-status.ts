// Bedrock's job statuses → OpenAI's batch statuses.
export type OpenAIBatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

export type BedrockJobStatus =
  | 'Submitted'
  | 'Validating'
  | 'Scheduled'
  | 'InProgress'
  | 'Completed'
  | 'PartiallyCompleted'
  | 'Failed'
  | 'Stopping'
  | 'Stopped'
  | 'Expired';

export function openAIBatchStatusOf(status: BedrockJobStatus): OpenAIBatchStatus {
  switch (status) {
    case 'Submitted':
    case 'Validating':
      return 'validating';
    case 'Scheduled':
    case 'InProgress':
      return 'in_progress';
    case 'Completed':
    case 'PartiallyCompleted':
      return 'completed';
    case 'Failed':
      return 'failed';
    case 'Stopping':
      return 'cancelling';
    case 'Stopped':
      return 'cancelled';
    case 'Expired':
      return 'expired';
    default: {
      const unknown: never = status;
      throw new Error(`unknown Bedrock job status ${String(unknown)}`);
    }
  }
}

/** Statuses after which Bedrock's job changes no more (its output, if any, is written). */
export function isFinalJobStatus(status: BedrockJobStatus): boolean {
  return ['Completed', 'PartiallyCompleted', 'Failed', 'Stopped', 'Expired'].includes(status);
}

/** OpenAI's completion_window ("24h") → Bedrock's timeoutDurationInHours (24 to 168). */
export function timeoutHoursOf(completionWindow: string): number | undefined {
  const match = /^(\d{1,3})h$/.exec(completionWindow);
  if (!match) return undefined;
  const hours = Number(match[1]);
  return hours >= 24 && hours <= 168 ? hours : undefined;
}
