import { OpenAIError } from '@quarry/openai';
import { adviseOnClientRetry, spendStatusOf, toInvocationError } from './invocation-error';

const aborted = (reason: unknown) => {
  const controller = new AbortController();
  controller.abort(reason);
  return controller.signal;
};
const live = () => new AbortController().signal;
const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
const socketError = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('toInvocationError', () => {
  it('keeps the gateway’s own refusals as they are', () => {
    const refusal = OpenAIError.badRequest('bad', 'messages');
    expect(toInvocationError(refusal, { clientGone: aborted('gone') })).toBe(refusal);
  });

  it('books a client that left as 499, which spend records as aborted', () => {
    const error = toInvocationError(socketError, { clientGone: aborted('gone'), deadline: aborted('gone') });
    expect(error.status).toBe(499);
    expect(spendStatusOf(error)).toBe('aborted');
  });

  it('answers 503 when the shutdown grace period cut the call', () => {
    const error = toInvocationError(socketError, {
      clientGone: live(),
      shutdown: aborted('shutting down'),
      deadline: aborted('shutting down'),
    });
    expect(error).toMatchObject({ status: 503, code: 'shutting_down' });
  });

  it('reports our deadline as a timeout, not as the socket error it caused', () => {
    const error = toInvocationError(socketError, { clientGone: live(), deadline: aborted(timeout) });
    expect(error.status).toBe(408);
    expect(spendStatusOf(error)).toBe('error');
  });

  it('maps Bedrock errors through libs/bedrock when nothing of ours ended the call', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect(toInvocationError(throttled, { deadline: live() }).status).toBe(429);
  });
});

describe('adviseOnClientRetry', () => {
  const upstreamFailure = () => new OpenAIError(502, 'upstream failed', 'upstream_error');

  it('tells the client not to retry what the gateway already retried', () => {
    expect(adviseOnClientRetry(upstreamFailure(), 3).headers['x-should-retry']).toBe('false');
  });

  it('leaves the client free to retry when the gateway made a single attempt', () => {
    expect(adviseOnClientRetry(upstreamFailure(), 1).headers['x-should-retry']).toBeUndefined();
  });

  it('keeps a Retry-After the client should wait for, without forbidding the retry', () => {
    const throttled = new OpenAIError(429, 'slow down', 'rate_limit_error', null, null, {
      'Retry-After': '1',
    });
    expect(adviseOnClientRetry(throttled, 3).headers).toEqual({ 'Retry-After': '1' });
  });

  it('says nothing on errors a client never retries', () => {
    expect(adviseOnClientRetry(OpenAIError.badRequest('bad'), 3).headers).toEqual({});
  });
});
