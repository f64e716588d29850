// Issue 14's translation gaps, end to end: openai SDK → gateway → AWS SDK → emulator.
import { deployment, startChatFixture, type ChatFixture } from './chat-fixture';

let fixture: ChatFixture;

beforeAll(async () => {
  fixture = await startChatFixture(
    [deployment('flaky-llama', 'bedrock/meta.llama3-1-70b-instruct-v1:0')].join(''),
  );
});

afterAll(async () => {
  await fixture?.close();
});

const cityTool = {
  type: 'function' as const,
  function: {
    name: 'find_city',
    description: 'Looks a city up',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

const citySchema = {
  type: 'object',
  properties: { name: { type: 'string' }, population: { type: 'integer' } },
  required: ['name', 'population'],
};

describe('Nova structured output and forced tools', () => {
  it('answers json_schema on Nova with JSON content (through a forced tool)', async () => {
    const completion = await fixture.client.chat.completions.create({
      model: 'nova-lite',
      messages: [{ role: 'user', content: 'Describe a city.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'city', schema: citySchema } },
    });
    const parsed = JSON.parse(completion.choices[0].message.content!);
    expect(typeof parsed.name).toBe('string');
    expect(Number.isInteger(parsed.population)).toBe(true);
    expect(completion.choices[0].message.tool_calls ?? []).toHaveLength(0);
  });

  it('forces a named tool and tool_choice required on Nova', async () => {
    for (const toolChoice of ['required', { type: 'function', function: { name: 'find_city' } }] as const) {
      const completion = await fixture.client.chat.completions.create({
        model: 'nova-lite',
        messages: [{ role: 'user', content: 'Hello there' }],
        tools: [cityTool],
        tool_choice: toolChoice,
      });
      expect(completion.choices[0].finish_reason).toBe('tool_calls');
      expect(completion.choices[0].message.tool_calls![0].function.name).toBe('find_city');
    }
  });

  it('sends json_object to a model that cannot force a tool as an unforced JSON tool, not a 400', async () => {
    const completion = await fixture.client.chat.completions.create({
      model: 'flaky-llama',
      messages: [{ role: 'user', content: 'Describe a city as JSON.' }],
      response_format: { type: 'json_object' },
    });
    expect(completion.choices[0].message.role).toBe('assistant');
  });
});
