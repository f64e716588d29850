import { Module } from '@nestjs/common';
import { InvocationModule } from '../../invocation/invocation.module';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

@Module({
  imports: [InvocationModule],
  controllers: [MessagesController],
  providers: [MessagesService],
})
export class MessagesModule {}
