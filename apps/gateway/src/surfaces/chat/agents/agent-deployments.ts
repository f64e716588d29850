// What an agent call needs of its deployment beyond what every deployment resolves: the agent-runtime
// client (per region, endpoint and credentials, shared through the process-wide client cache) and the
// price of each foundation model its trace names. Worked out once per deployment object, not per
// request: the registry replaces deployment objects when models change, so a WeakMap forgets stale ones.
import { Injectable } from '@nestjs/common';
import type { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { agentPricing, deploymentConfigError, type AgentModelPrice } from '@quarry/bedrock';
import { BedrockClients } from '../../../invocation/deployments/bedrock-clients';
import type { ResolvedDeployment } from '../../../invocation/deployments/resolved-deployment';

export interface AgentDeployment {
  client: BedrockAgentRuntimeClient;
  priceOf: AgentModelPrice;
}

@Injectable()
export class AgentDeployments {
  private readonly resolved = new WeakMap<ResolvedDeployment, AgentDeployment>();

  constructor(private readonly clients: BedrockClients) {}

  of(deployment: ResolvedDeployment): AgentDeployment {
    let agent = this.resolved.get(deployment);
    if (!agent) {
      agent = {
        client: this.clientFor(deployment),
        priceOf: agentPricing(deployment.region, deployment.deployment.modelInfo, deployment.price),
      };
      this.resolved.set(deployment, agent);
    }
    return agent;
  }

  private clientFor(deployment: ResolvedDeployment): BedrockAgentRuntimeClient {
    try {
      return this.clients.agentRuntime(deployment.clientConfig);
    } catch (error) {
      // A Bedrock API key alone cannot call the agent runtime: the operator's to fix, named as such.
      throw deploymentConfigError(error instanceof Error ? error.message : String(error));
    }
  }
}
