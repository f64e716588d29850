// A model-native InvokeModel answer with the token counts Bedrock reports in its response headers.
import type { JsonRecord } from './body-validation';

export interface NativeAnswer {
  body: JsonRecord;
  inputTokens: number;
  outputTokens: number;
}
