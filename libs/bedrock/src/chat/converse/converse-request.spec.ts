// Fixture-driven: each __fixtures__/requests/*.json holds a realistic OpenAI request, the model it goes
// to, and the exact Converse input (wire JSON) plus translation context it must produce. That the wire
// JSON is what the SDK really sends for that input is converse-wire.spec.ts's to check.
import { toWireJson } from './__fixtures__/fixture-support';
import { requestFixtures, translateFixture } from './__fixtures__/request-fixtures';

describe('toConverseRequest fixtures', () => {
  it('has fixtures to run', () => {
    expect(requestFixtures.length).toBeGreaterThanOrEqual(10);
  });

  it.each(requestFixtures)('%s', async (_name, fixture) => {
    const { input, context, capabilities } = await translateFixture(fixture);
    expect(toWireJson(input)).toEqual(fixture.expected.input);
    expect(toWireJson(context.toolNames)).toEqual(fixture.expected.context.toolNames);
    expect(context.jsonMode).toEqual(fixture.expected.context.jsonMode);
    expect(context.capabilities).toBe(capabilities);
  });
});
