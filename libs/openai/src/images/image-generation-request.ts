// POST /v1/images/generations as OpenAI documents it, plus the provider fields LiteLLM users send for
// Bedrock's image models (`negative_prompt`, `cfg_scale`, `steps`, …). Shapes AFTER
// parseImageGenerationRequest has checked them.

export interface ImageGenerationRequest {
  model: string;
  prompt: string;
  /** Images to make (Titan and Nova Canvas: up to 5 per call; Stability: 1). */
  n?: number;
  /** `<width>x<height>` in pixels. */
  size?: string;
  /** OpenAI's `standard` / `hd`; Bedrock's `premium` is accepted too (`hd` means premium). */
  quality?: string;
  /** Only `b64_json`: Bedrock returns image bytes, and Quarry stores no images to link to. */
  response_format?: 'b64_json';
  user?: string;
  /** Stability: `png`, `jpeg`, `webp`. */
  output_format?: string;
  aspect_ratio?: string;
  negative_prompt?: string;
  seed?: number;
  cfg_scale?: number;
  steps?: number;
  drop_params?: boolean;
  [providerKey: string]: unknown;
}

export interface ImageGenerationResponse {
  created: number;
  data: Array<{ b64_json: string }>;
  usage?: { images: number; cost?: number };
}
