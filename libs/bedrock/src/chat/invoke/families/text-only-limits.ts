// What a plain-prompt format can carry: text turns only.
import type { InvokeFamily } from '../invoke-family';

export const TEXT_ONLY: InvokeFamily['limits'] = {
  supportsTools: false,
  supportsToolChoice: false,
  supportsVision: false,
  supportsPdfInput: false,
  supportsReasoning: false,
  supportsPromptCaching: false,
};
