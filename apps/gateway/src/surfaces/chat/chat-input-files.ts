// The stored files a chat request names by file_id, from the caller's owner scope only (another team's
// file is absent, exactly like a missing one). One query per request, made only when the request has
// file_id parts (the translation asks), and shared by every deployment the request is translated for.
import type { FetchInputFiles } from '@quarry/bedrock';
import type { BatchFilesRepository } from '@quarry/db';
import { ownerScopeOf } from '../../tenancy/auth/owner-scope-of';
import type { Principal } from '../../tenancy/auth/principal';

export function inputFilesOnce(files: BatchFilesRepository, principal: Principal): FetchInputFiles {
  let found: ReturnType<FetchInputFiles> | undefined;
  return (ids) => (found ??= files.findContents(ownerScopeOf(principal), ids));
}
