// The stored files a chat request names by file_id, from the caller's owner scope only (another team's
// file is absent, exactly like a missing one). One query per request, made only when the request has
// file_id parts (the translation asks), and shared by every deployment the request is translated for.
import type { FetchInputFiles } from '@quarry/bedrock';
import type { BatchFilesRepository } from '@quarry/db';
import { ownerScopeOf } from '../../tenancy/auth/owner-scope-of';
import type { Principal } from '../../tenancy/auth/principal';

/** The shape of every id Quarry hands out (`file-` + hex); anything else cannot exist and is not queried. */
const FILE_ID = /^file-[0-9a-zA-Z_-]{1,64}$/;

export function inputFilesOnce(files: BatchFilesRepository, principal: Principal): FetchInputFiles {
  let found: ReturnType<FetchInputFiles> | undefined;
  return (ids) => {
    // Client strings reach the query only when they could be ids (no NUL, which Postgres text refuses).
    const possible = ids.filter((id) => FILE_ID.test(id));
    found ??=
      possible.length > 0 ? files.findContents(ownerScopeOf(principal), possible) : Promise.resolve([]);
    return found;
  };
}
