import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'quarry:isPublic';

/** Marks a route (or controller) as reachable without a key: health probes only. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
