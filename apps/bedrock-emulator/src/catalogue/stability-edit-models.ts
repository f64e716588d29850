// Stability AI Image Services: edit, control and upscale models that take an image (and mostly a
// prompt) and return one image, over InvokeModel only. Which fields each one requires is in
// src/runtime/images/stability-edits.ts.
import type { FoundationModel } from './foundation-model';
import { invokeOnlyModel } from './non-text-models';

const editModel = (modelId: string, modelName: string) =>
  invokeOnlyModel(modelId, modelName, 'Stability AI', 'stability-edit', ['TEXT', 'IMAGE'], ['IMAGE']);

export const stabilityEditModels: FoundationModel[] = [
  editModel('stability.stable-image-inpaint-v1:0', 'Stable Image Inpaint'),
  editModel('stability.stable-image-erase-object-v1:0', 'Stable Image Erase Object'),
  editModel('stability.stable-image-remove-background-v1:0', 'Stable Image Remove Background'),
  editModel('stability.stable-image-search-recolor-v1:0', 'Stable Image Search and Recolor'),
  editModel('stability.stable-image-search-replace-v1:0', 'Stable Image Search and Replace'),
  editModel('stability.stable-image-style-guide-v1:0', 'Stable Image Style Guide'),
  editModel('stability.stable-style-transfer-v1:0', 'Stable Image Style Transfer'),
  editModel('stability.stable-image-control-sketch-v1:0', 'Stable Image Control Sketch'),
  editModel('stability.stable-image-control-structure-v1:0', 'Stable Image Control Structure'),
  editModel('stability.stable-outpaint-v1:0', 'Stable Image Outpaint'),
  editModel('stability.stable-conservative-upscale-v1:0', 'Stable Image Conservative Upscale'),
  editModel('stability.stable-creative-upscale-v1:0', 'Stable Image Creative Upscale'),
  editModel('stability.stable-fast-upscale-v1:0', 'Stable Image Fast Upscale'),
];
