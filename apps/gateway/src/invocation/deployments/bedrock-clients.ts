// One SDK client cache for the whole process (clients and their HTTP/2 sessions are reused across
// requests); destroyed on shutdown so sockets close cleanly.
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { BedrockClientCache } from '@quarry/bedrock';

@Injectable()
export class BedrockClients extends BedrockClientCache implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    this.close();
  }
}
