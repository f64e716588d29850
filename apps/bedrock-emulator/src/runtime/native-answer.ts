// A model-native InvokeModel answer with the token counts Bedrock reports in its response headers.
import type { JsonRecord } from '../service-support/request-body';

export interface NativeAnswer {
  body: JsonRecord;
  inputTokens: number;
  outputTokens: number;
}
