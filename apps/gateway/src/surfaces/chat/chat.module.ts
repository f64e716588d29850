import { Module } from '@nestjs/common';
import { BedrockClients } from '../../invocation/deployments/bedrock-clients';
import { SpendModule } from '../../spend/spend.module';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';
import { ChatStreamer } from './chat-streamer';
import { DeploymentPreparer } from '../../invocation/deployments/deployment-preparer';

@Module({
  imports: [SpendModule],
  controllers: [ChatController],
  providers: [ChatService, ChatStreamer, DeploymentPreparer, BedrockClients],
})
export class ChatModule {}
