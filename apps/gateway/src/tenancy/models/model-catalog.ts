/** What access decisions need to know about the configured models (implemented by ModelRegistry). */
export interface ModelCatalog {
  hasModel(modelName: string): boolean;
  /** Access groups a public model name belongs to (model_info.access_groups of its deployments). */
  accessGroupsOf(modelName: string): readonly string[];
  /** Public model names in an access group. */
  modelsInAccessGroup(group: string): readonly string[];
  /**
   * Names a wildcard entry is matched against: the public name, and each deployment's Bedrock model
   * (`bedrock/anthropic.claude-…` and `anthropic.claude-…`), so both `bedrock/*` and `anthropic.*` work.
   */
  wildcardNamesOf(modelName: string): readonly string[];
}
