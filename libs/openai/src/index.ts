export * from './errors';
export * from './chat/chat-response';
export * from './chat/chat-request';
export * from './chat/parse-chat-request';
export * from './embeddings/embeddings-request';
export * from './embeddings/parse-embeddings-request';
export * from './images/image-generation-request';
export * from './images/parse-image-generation-request';
