import type { ChatCompletionRequest } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import { chatSwitches } from './chat-translation';

const request = (extra: Record<string, unknown> = {}) =>
  ({ model: 'm', messages: [], ...extra }) as unknown as ChatCompletionRequest;
/** The switches as resolveDeployment leaves them on a deployment. */
const deploymentWith = (
  switches: { modifyParams?: boolean; userContinueMessage?: string },
  dropParams = false,
) => ({ providerParams: {}, dropParams, modifyParams: false, ...switches }) as unknown as ResolvedDeployment;
const off = { modifyParams: false };

describe('chatSwitches', () => {
  it('turns modify_params on from the settings, the deployment or the request', () => {
    expect(chatSwitches(request(), deploymentWith({}), off).modifyParams).toBe(false);
    expect(chatSwitches(request(), deploymentWith({}), { modifyParams: true }).modifyParams).toBe(true);
    expect(chatSwitches(request(), deploymentWith({ modifyParams: true }), off).modifyParams).toBe(true);
    expect(chatSwitches(request({ modify_params: true }), deploymentWith({}), off).modifyParams).toBe(true);
  });

  it('turns drop_params on from the deployment or the request', () => {
    expect(chatSwitches(request(), deploymentWith({}, true), off).dropParams).toBe(true);
    expect(chatSwitches(request({ drop_params: true }), deploymentWith({}), off).dropParams).toBe(true);
    expect(chatSwitches(request(), deploymentWith({}), off).dropParams).toBe(false);
  });

  it("honours a deployment's user_continue_message on its own, the request's first", () => {
    const continueMessage = 'Please continue';
    expect(
      chatSwitches(request(), deploymentWith({ userContinueMessage: continueMessage }), off)
        .userContinueMessage,
    ).toBe('Please continue');
    expect(chatSwitches(request(), deploymentWith({}), off)).not.toHaveProperty('userContinueMessage');
    expect(
      chatSwitches(
        request(),
        deploymentWith({ userContinueMessage: continueMessage, modifyParams: true }),
        off,
      ).userContinueMessage,
    ).toBe('Please continue');
    expect(
      chatSwitches(
        request({ user_continue_message: 'Go on' }),
        deploymentWith({ userContinueMessage: continueMessage }),
        { modifyParams: true },
      ).userContinueMessage,
    ).toBe('Go on');
  });
});
