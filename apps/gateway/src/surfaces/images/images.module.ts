import { Module } from '@nestjs/common';
import { InvocationModule } from '../../invocation/invocation.module';
import { ImagesController } from './images.controller';
import { ImagesService } from './images.service';

@Module({
  imports: [InvocationModule],
  controllers: [ImagesController],
  providers: [ImagesService],
})
export class ImagesModule {}
