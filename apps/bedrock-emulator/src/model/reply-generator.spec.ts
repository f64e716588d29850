import { emptyConversation, type Conversation, type ConversationMessage } from './conversation';
import { PromptCache } from './prompt-cache';
import { isValidReasoningSignature } from './reasoning';
import { generateOutcome, REPLY_PREFIX } from './reply-generator';

const options = { cacheScope: 'model', toolIdPrefix: 'tooluse_' };

function conversation(text: string, patch: Partial<Conversation> = {}): Conversation {
  const user: ConversationMessage = { role: 'user', blocks: [{ kind: 'text', text }] };
  return { ...emptyConversation(), messages: [user], ...patch };
}

const cityTool = {
  name: 'find_city',
  description: 'find',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const clockTool = { name: 'read_clock', description: 'time', schema: { type: 'object', properties: {} } };

describe('generateOutcome', () => {
  it('is deterministic: the same conversation gives the same reply, ids and usage', () => {
    const input = conversation('call find_city for Lisbon', { tools: [cityTool] });
    expect(generateOutcome(input, options)).toEqual(generateOutcome(input, options));
  });

  it('echoes the last user text after the fixed phrase, counting 4 characters per token', () => {
    const outcome = generateOutcome(conversation('abcdefgh'), options);
    expect(outcome.text).toBe(`${REPLY_PREFIX} abcdefgh`);
    expect(outcome.usage).toMatchObject({ inputTokens: 2, outputTokens: Math.ceil(outcome.text.length / 4) });
  });

  it('calls every tool named in the prompt, in tool order, with one id each', () => {
    const outcome = generateOutcome(
      conversation('use read_clock and find_city for Oslo', { tools: [cityTool, clockTool] }),
      options,
    );
    expect(outcome.toolUses.map((toolUse) => toolUse.name)).toEqual(['find_city', 'read_clock']);
    expect(new Set(outcome.toolUses.map((toolUse) => toolUse.id)).size).toBe(2);
    expect(outcome.toolUses[0].input).toEqual({ city: 'Oslo' });
    expect(outcome.stopReason).toBe('tool_use');
  });

  it('with toolChoice any and no mention, calls the first tool; with none, calls nothing', () => {
    expect(
      generateOutcome(
        conversation('hello', { tools: [clockTool, cityTool], toolChoice: { type: 'any' } }),
        options,
      ).toolUses[0].name,
    ).toBe('read_clock');
    expect(
      generateOutcome(
        conversation('read_clock please', { tools: [clockTool], toolChoice: { type: 'none' } }),
        options,
      ).toolUses,
    ).toEqual([]);
  });

  it('answers in text, not another tool call, when the last turn carries tool results', () => {
    const input = conversation('find_city', { tools: [cityTool] });
    input.messages.push(
      { role: 'assistant', blocks: [{ kind: 'toolUse', id: 't1', name: 'find_city', input: {} }] },
      { role: 'user', blocks: [{ kind: 'toolResult', toolUseId: 't1', text: 'Porto' }] },
    );
    const outcome = generateOutcome(input, options);
    expect(outcome.toolUses).toEqual([]);
    expect(outcome.text).toContain('find_city returned Porto');
  });

  it('spends maxTokens on reasoning first, then text, and drops tool calls that no longer fit', () => {
    const unlimited = generateOutcome(
      conversation('find_city in Rome', { tools: [cityTool], thinking: true }),
      options,
    );
    expect(unlimited.toolUses.map((toolUse) => toolUse.name)).toEqual(['find_city']);
    const outcome = generateOutcome(
      conversation('find_city in Rome', { tools: [cityTool], thinking: true, maxTokens: 30 }),
      options,
    );
    expect(outcome.stopReason).toBe('max_tokens');
    expect(outcome.toolUses).toEqual([]);
    expect(outcome.usage.outputTokens).toBeLessThanOrEqual(30);
    expect(isValidReasoningSignature(outcome.reasoning!.text, outcome.reasoning!.signature)).toBe(true);
  });

  it('prefers the earliest stop sequence', () => {
    const outcome = generateOutcome(
      conversation('one two three', { stopSequences: ['three', 'two'] }),
      options,
    );
    expect(outcome).toMatchObject({
      stopReason: 'stop_sequence',
      stopSequence: 'two',
      text: `${REPLY_PREFIX} one `,
    });
  });

  it('drops the tool calls when a stop sequence ends the text before them', () => {
    const input = conversation('use find_city for Rome', { tools: [cityTool] });
    expect(generateOutcome(input, options)).toMatchObject({
      text: 'I will call find_city to answer that.',
      stopReason: 'tool_use',
    });
    const stopped = generateOutcome({ ...input, stopSequences: ['call'] }, options);
    expect(stopped).toMatchObject({ text: 'I will ', stopReason: 'stop_sequence', stopSequence: 'call' });
    expect(stopped.toolUses).toEqual([]);
  });

  it('blocks only when a guardrail is attached and the marker appears anywhere in the prompt', () => {
    const input = conversation('harmless', { system: [{ kind: 'text', text: 'QUARRY_BLOCK' }] });
    expect(generateOutcome(input, options).stopReason).toBe('end_turn');
    const guarded = generateOutcome({ ...input, guardrail: true }, options);
    expect(guarded).toMatchObject({ stopReason: 'guardrail_intervened', usage: { outputTokens: 0 } });
  });

  it('uses the shared prompt cache: a write first, a read for the same prefix afterwards', () => {
    const cache = new PromptCache();
    const input = conversation('question', {
      system: [{ kind: 'text', text: 'x'.repeat(40) }, { kind: 'cachePoint' }],
    });
    const first = generateOutcome(input, { ...options, promptCache: cache });
    const second = generateOutcome(input, { ...options, promptCache: cache });
    expect(first.usage).toMatchObject({ cacheWriteInputTokens: 10, cacheReadInputTokens: 0, inputTokens: 2 });
    expect(second.usage).toMatchObject({
      cacheWriteInputTokens: 0,
      cacheReadInputTokens: 10,
      inputTokens: 2,
    });
  });
});
