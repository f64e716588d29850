// Document chat (Converse `document` blocks) as AWS documents it. The price data's `pdf_input` flag (from
// LiteLLM's map) is missing for many models AWS's "Supported models and model features" table lists with
// document chat (Claude 3 Opus, Llama, Mistral Large, Command R, Jamba 1.5, …), and a wrong "unsupported"
// would refuse documents that work; the table also lists models without it (Nova Micro, the Command text
// models, Jamba-Instruct, Jurassic-2, Mistral Small). The price data decides for every other model, and
// `model_info.supports_pdf_input` overrides both per deployment.
const NO_DOCUMENT_CHAT = [
  /^amazon\.nova-micro/,
  /^ai21\.(j2|jamba-instruct)/,
  /^cohere\.command-(text|light-text)/,
  /^mistral\.mistral-small-2402/,
];
const DOCUMENT_CHAT = [
  /^anthropic\.claude/,
  /^ai21\.jamba-1-5/,
  /^amazon\.titan-text-(express|lite)/,
  /^cohere\.command-r/,
  /^deepseek\.r1/,
  /^meta\.llama/,
  /^mistral\.(mistral-7b|mixtral|mistral-large|pixtral)/,
  /^writer\.palmyra/,
];

export function documentSupportFor(id: string, fromPriceData: boolean): boolean {
  if (NO_DOCUMENT_CHAT.some((pattern) => pattern.test(id))) return false;
  return fromPriceData || DOCUMENT_CHAT.some((pattern) => pattern.test(id));
}
