// What the listings show of each deployment's health. The state lives with the calls (invocation's
// cooldowns), a layer above: it is bound to this abstract class at the application's root, so the
// listings read it without importing upwards. Unbound (unit specs, the worker), every deployment is healthy.
export interface DeploymentState {
  status: 'healthy' | 'cooling_down';
  /** When a cooling deployment rejoins the rotation. */
  cooldownUntil?: Date;
}

export abstract class DeploymentStates {
  abstract stateOf(deploymentId: string): DeploymentState;
}

/** The JSON a listing shows for one deployment's state. */
export function deploymentStateJson(state: DeploymentState) {
  return {
    status: state.status,
    cooldown_until: state.cooldownUntil?.toISOString() ?? null,
  };
}
