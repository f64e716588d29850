// Wire fixtures of the prompt-template formats (Claude 2, Llama 2/3/4, Mistral text, Titan, Cohere
// Command, DeepSeek R1, imported Qwen): bodies as AWS's model-parameter pages show them.
import { CONVERSATION, METRICS, type InvokeFixture } from './invoke-fixture';

const request = { model: 'm', messages: CONVERSATION, max_tokens: 50, temperature: 0.2, top_p: 0.9 };

export const TEXT_FORMAT_FIXTURES: InvokeFixture[] = [
  {
    name: 'claude 2 text completion',
    model: 'anthropic.claude-v2',
    request: { ...request, stop: ['END'] },
    body: {
      prompt: 'Be brief.\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: Colour?\n\nAssistant:',
      max_tokens_to_sample: 50,
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['END'],
    },
    answer: { completion: ' Blue.', stop_reason: 'stop_sequence', stop: '\n\nHuman:' },
    headerUsage: { inputTokens: 12, outputTokens: 3 },
    message: { role: 'assistant', content: ' Blue.' },
    finishReason: 'stop',
    usage: { prompt_tokens: 12, completion_tokens: 3 },
    chunks: [
      { completion: ' Bl', stop_reason: null },
      { completion: 'ue.', stop_reason: 'max_tokens', ...METRICS },
    ],
    streamed: { content: ' Blue.', finishReason: 'length' },
  },
  {
    name: 'llama 3 chat template',
    model: 'meta.llama3-8b-instruct-v1:0',
    request,
    body: {
      prompt:
        '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nColour?<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n',
      max_gen_len: 50,
      temperature: 0.2,
      top_p: 0.9,
    },
    answer: { generation: 'Blue.', prompt_token_count: 30, generation_token_count: 2, stop_reason: 'stop' },
    message: { role: 'assistant', content: 'Blue.' },
    finishReason: 'stop',
    usage: { prompt_tokens: 30, completion_tokens: 2 },
    chunks: [
      { generation: 'Blue', prompt_token_count: 30, generation_token_count: 1, stop_reason: null },
      {
        generation: '.',
        prompt_token_count: null,
        generation_token_count: 2,
        stop_reason: 'stop',
        ...METRICS,
      },
    ],
    streamed: { content: 'Blue.', finishReason: 'stop' },
  },
  {
    name: 'llama 2 [INST] template',
    model: 'meta.llama2-13b-chat-v1',
    request: { model: 'm', messages: CONVERSATION },
    body: {
      prompt: '<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello. </s><s>[INST] Colour? [/INST]',
    },
    answer: { generation: 'Red', prompt_token_count: 9, generation_token_count: 1, stop_reason: 'length' },
    message: { role: 'assistant', content: 'Red' },
    finishReason: 'length',
    usage: { prompt_tokens: 9, completion_tokens: 1 },
    chunks: [{ generation: 'Red', stop_reason: 'length', ...METRICS }],
    streamed: { content: 'Red', finishReason: 'length' },
  },
  {
    name: 'llama 4 header tokens',
    model: 'meta.llama4-scout-17b-instruct-v1:0',
    request: { model: 'm', messages: [{ role: 'user', content: 'Hi' }] },
    body: {
      prompt:
        '<|begin_of_text|><|header_start|>user<|header_end|>\n\nHi<|eot|><|header_start|>assistant<|header_end|>\n\n',
    },
    answer: { generation: 'Hey', prompt_token_count: 4, generation_token_count: 1, stop_reason: 'stop' },
    message: { role: 'assistant', content: 'Hey' },
    finishReason: 'stop',
    usage: { prompt_tokens: 4, completion_tokens: 1 },
    chunks: [{ generation: 'Hey', stop_reason: 'stop', ...METRICS }],
    streamed: { content: 'Hey', finishReason: 'stop' },
  },
  {
    name: 'mistral [INST] text model',
    model: 'mistral.mistral-7b-instruct-v0:2',
    request: { ...request, stop: ['\n\n'], top_k: 20 },
    body: {
      prompt: '<s>[INST] Be brief.\n\nHi [/INST] Hello.</s>[INST] Colour? [/INST]',
      max_tokens: 50,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 20,
      stop: ['\n\n'],
    },
    answer: { outputs: [{ text: 'Green', stop_reason: 'stop' }] },
    headerUsage: { inputTokens: 20, outputTokens: 1 },
    message: { role: 'assistant', content: 'Green' },
    finishReason: 'stop',
    usage: { prompt_tokens: 20, completion_tokens: 1 },
    chunks: [
      { outputs: [{ text: 'Gre', stop_reason: null }] },
      { outputs: [{ text: 'en', stop_reason: 'stop' }], ...METRICS },
    ],
    streamed: { content: 'Green', finishReason: 'stop' },
  },
  {
    name: 'titan text',
    model: 'amazon.titan-text-express-v1',
    request: { ...request, stop: ['User:'] },
    body: {
      inputText: 'Be brief.\nUser: Hi\nBot: Hello.\nUser: Colour?\nBot:',
      textGenerationConfig: { maxTokenCount: 50, temperature: 0.2, topP: 0.9, stopSequences: ['User:'] },
    },
    answer: {
      inputTextTokenCount: 15,
      results: [{ tokenCount: 2, outputText: ' Teal', completionReason: 'FINISH' }],
    },
    message: { role: 'assistant', content: ' Teal' },
    finishReason: 'stop',
    usage: { prompt_tokens: 15, completion_tokens: 2 },
    chunks: [{ outputText: ' Teal', index: 0, completionReason: 'LENGTH', ...METRICS }],
    streamed: { content: ' Teal', finishReason: 'length' },
  },
  {
    name: 'cohere command text',
    model: 'cohere.command-text-v14',
    request: { ...request, top_k: 5 },
    body: {
      prompt: 'Be brief.\nUser: Hi\nChatbot: Hello.\nUser: Colour?\nChatbot:',
      max_tokens: 50,
      temperature: 0.2,
      p: 0.9,
      k: 5,
    },
    answer: {
      id: 'x',
      generations: [{ id: 'g', text: 'Pink', finish_reason: 'COMPLETE' }],
      prompt: 'Colour?',
    },
    headerUsage: { inputTokens: 14, outputTokens: 1 },
    message: { role: 'assistant', content: 'Pink' },
    finishReason: 'stop',
    usage: { prompt_tokens: 14, completion_tokens: 1 },
    chunks: [
      { text: 'Pi', is_finished: false },
      { text: 'nk', is_finished: false },
      { is_finished: true, finish_reason: 'MAX_TOKENS', ...METRICS },
    ],
    streamed: { content: 'Pink', finishReason: 'length' },
  },
  {
    name: 'deepseek r1 with reasoning',
    model: 'deepseek.r1-v1:0',
    request: { model: 'm', messages: CONVERSATION, max_tokens: 500 },
    body: {
      prompt:
        '<｜begin▁of▁sentence｜>Be brief.<｜User｜>Hi<｜Assistant｜>Hello.<｜end▁of▁sentence｜><｜User｜>Colour?<｜Assistant｜><think>\n',
      max_tokens: 500,
    },
    answer: { choices: [{ text: 'They want a colour.\n</think>\n\nBlue.', stop_reason: 'stop' }] },
    headerUsage: { inputTokens: 12, outputTokens: 9 },
    message: { role: 'assistant', content: 'Blue.', reasoning_content: 'They want a colour.' },
    finishReason: 'stop',
    usage: { prompt_tokens: 12, completion_tokens: 9 },
    chunks: [
      { choices: [{ text: 'They want', stop_reason: null }] },
      { choices: [{ text: ' a colour.\n</think>\n\nBl', stop_reason: null }] },
      { choices: [{ text: 'ue.', stop_reason: 'stop' }], ...METRICS },
    ],
    streamed: { content: 'Blue.', reasoning: 'They want a colour.\n', finishReason: 'stop' },
  },
  {
    name: 'imported qwen 3 (ChatML)',
    model: 'arn:aws:bedrock:us-east-1:123456789012:imported-model/q3',
    invokeSpec: 'qwen3',
    request: { model: 'm', messages: CONVERSATION, max_tokens: 50 },
    body: {
      prompt:
        '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello.<|im_end|>\n' +
        '<|im_start|>user\nColour?<|im_end|>\n<|im_start|>assistant\n',
      max_gen_len: 50,
    },
    answer: { generation: 'Gold<|im_end|>', usage: { prompt_tokens: 20, completion_tokens: 1 } },
    message: { role: 'assistant', content: 'Gold' },
    finishReason: 'stop',
    usage: { prompt_tokens: 20, completion_tokens: 1 },
    chunks: [{ generation: 'Gold', stop_reason: 'stop', ...METRICS }],
    streamed: { content: 'Gold', finishReason: 'stop' },
  },
  {
    name: 'ai21 jurassic-2',
    model: 'ai21.j2-ultra-v1',
    request: { ...request, stop: ['User:'] },
    body: {
      prompt: 'Be brief.\nUser: Hi\nAssistant: Hello.\nUser: Colour?\nAssistant:',
      maxTokens: 50,
      temperature: 0.2,
      topP: 0.9,
      stopSequences: ['User:'],
    },
    answer: { id: 1, completions: [{ data: { text: ' Grey' }, finishReason: { reason: 'endoftext' } }] },
    headerUsage: { inputTokens: 15, outputTokens: 1 },
    message: { role: 'assistant', content: ' Grey' },
    finishReason: 'stop',
    usage: { prompt_tokens: 15, completion_tokens: 1 },
    chunks: [{ completions: [{ data: { text: ' Grey' }, finishReason: { reason: 'length' } }], ...METRICS }],
    streamed: { content: ' Grey', finishReason: 'length' },
  },
];
