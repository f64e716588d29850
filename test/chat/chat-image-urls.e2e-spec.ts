// The SSRF guard as wired into chat: a remote image_url that names (or resolves to) a loopback, private
// or link-local address is refused with a 400 naming the exact part, no connection is ever made to it,
// and no Bedrock call follows. A listener on 127.0.0.1 counts every connection attempt.
import { createServer, type Server, type Socket } from 'node:net';
import { startChatFixture, type ChatFixture } from './chat-fixture';

let fixture: ChatFixture;
let listener: Server;
let port: number;
const connections: Socket[] = [];

beforeAll(async () => {
  fixture = await startChatFixture();
  listener = createServer((socket) => {
    connections.push(socket);
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => listener?.close(resolve));
  await fixture?.close();
});

async function chatWithImage(url: string) {
  const response = await fixture.gateway.request('/v1/chat/completions', {
    method: 'POST',
    key: fixture.tenant.key,
    json: {
      model: 'claude-haiku',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image_url', image_url: { url } },
          ],
        },
      ],
    },
  });
  return { response, body: (await response.json()) as any };
}

const PARAM = 'messages[0].content[1].image_url.url';

describe('remote image URLs to non-public addresses', () => {
  it.each([
    ['the loopback address', () => `https://127.0.0.1:${port}/cat.png`, 'loopback'],
    ['a name that resolves to loopback', () => `https://localhost:${port}/cat.png`, 'loopback'],
    ['the IPv6 loopback address', () => `https://[::1]:${port}/cat.png`, 'loopback'],
    ['a private address', () => 'https://10.1.2.3/cat.png', 'private'],
    ['the cloud metadata address', () => 'https://169.254.169.254/latest/meta-data/', 'cloud-metadata'],
  ])('refuses %s with a 400 naming the part, before any Bedrock call', async (_name, url, reason) => {
    const { response, body } = await chatWithImage(url());
    expect(response.status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: PARAM });
    expect(body.error.message).toContain('non-public address');
    expect(body.error.message).toContain(reason);
    await fixture.flushSpend();
    const row = await fixture.prisma.spendLog.findFirst({
      where: { requestId: response.headers.get('x-request-id')! },
    });
    expect(row).toMatchObject({ status: 'error', httpStatus: 400, deploymentId: null, cost: 0 });
    expect(connections).toHaveLength(0);
  });

  it('refuses plain http before looking at the address', async () => {
    const { response, body } = await chatWithImage(`http://127.0.0.1:${port}/cat.png`);
    expect(response.status).toBe(400);
    expect(body.error).toMatchObject({
      param: PARAM,
      message: `${PARAM} must be an https URL or a base64 data URL`,
    });
    expect(connections).toHaveLength(0);
  });
});
