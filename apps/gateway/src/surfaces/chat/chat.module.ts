import { Module } from '@nestjs/common';
import { InvocationModule } from '../../invocation/invocation.module';
import { AgentChat } from './agents/agent-chat';
import { AgentDeployments } from './agents/agent-deployments';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';

@Module({
  imports: [InvocationModule],
  controllers: [ChatController],
  providers: [ChatService, AgentChat, AgentDeployments],
})
export class ChatModule {}
