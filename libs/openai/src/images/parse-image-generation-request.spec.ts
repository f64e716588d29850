import { OpenAIError } from '../errors';
import { parseImageGenerationRequest, parseImageSize } from './parse-image-generation-request';

function paramOf(body: unknown): string | null | undefined {
  try {
    parseImageGenerationRequest(body);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenAIError);
    return (error as OpenAIError).param;
  }
}

describe('parseImageGenerationRequest', () => {
  it('keeps the settings', () => {
    expect(
      parseImageGenerationRequest({ model: 'm', prompt: 'p', n: 2, size: '512x512', quality: 'hd' }),
    ).toMatchObject({
      n: 2,
      size: '512x512',
      quality: 'hd',
    });
  });

  it.each([
    [{ prompt: 'p' }, 'model'],
    [{ model: 'm' }, 'prompt'],
    [{ model: 'm', prompt: '' }, 'prompt'],
    [{ model: 'm', prompt: 'p', n: 0 }, 'n'],
    [{ model: 'm', prompt: 'p', size: 'big' }, 'size'],
    [{ model: 'm', prompt: 'p', quality: 'ultra' }, 'quality'],
    [{ model: 'm', prompt: 'p', response_format: 'url' }, 'response_format'],
    [{ model: 'm', prompt: 'p', output_format: 'gif' }, 'output_format'],
    [{ model: 'm', prompt: 'p', seed: -1 }, 'seed'],
    [{ model: 'm', prompt: 'p', steps: 5 }, 'steps'],
  ])('refuses %j naming %s', (body, param) => {
    expect(paramOf(body)).toBe(param);
  });

  it('says why url is refused', () => {
    expect(() => parseImageGenerationRequest({ model: 'm', prompt: 'p', response_format: 'url' })).toThrow(
      /b64_json/,
    );
  });

  it('reads width first', () => {
    expect(parseImageSize('128x512')).toEqual({ width: 128, height: 512 });
  });
});
