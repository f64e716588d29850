// Test-only helpers shared by specs (`@quarry/testing`). Never imported by source code, never built
// (.swcrc excludes libs/testing), and, like every lib, it imports no app.
export * from './event-stream-frames';
