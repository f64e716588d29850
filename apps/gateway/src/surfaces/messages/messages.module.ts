import { Module } from '@nestjs/common';
import { InvocationModule } from '../../invocation/invocation.module';
import { CountTokensService } from './count-tokens.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

@Module({
  imports: [InvocationModule],
  controllers: [MessagesController],
  providers: [MessagesService, CountTokensService],
})
export class MessagesModule {}
