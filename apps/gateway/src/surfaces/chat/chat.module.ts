import { Module } from '@nestjs/common';
import { InvocationModule } from '../../invocation/invocation.module';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';

@Module({
  imports: [InvocationModule],
  controllers: [ChatController],
  providers: [ChatService],
})
export class ChatModule {}
