// One model's turn of a call: its deployments tried in the router's order with the call's retry budget
// (call-with-fallbacks.ts), every attempt kept on the metering record, and each failure that counts
// against a deployment told to the cooldowns. A failure is mapped once, and carries which deployment
// failed last and how many retries were made.
import { Injectable } from '@nestjs/common';
import { countsAgainstDeployment } from '../cooldowns/cooldown-failure';
import { DeploymentCooldowns } from '../cooldowns/deployment-cooldowns';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { toInvocationError, type CallSignals } from '../errors/invocation-error';
import type { MeteredCall } from '../metering/metered-call';
import { servedByHeaders } from '../reply/served-by-headers';
import { DeploymentRouter, type RouteRequest } from '../routing/deployment-router';
import { callWithFallbacks, type Attempted } from './call-with-fallbacks';

/** The deployments of one model for one call, in the order to try them. */
export interface ModelTurn {
  deployments: readonly ResolvedDeployment[];
  /** How many deployments serve the model (a model's only deployment is never cooled down). */
  modelDeployments: number;
  /** The request's num_retries, if it gave one. */
  retries: number | undefined;
  /** Told to the router with each attempt (whether the call streams). */
  route: RouteRequest;
}

/** Attempts across every model of a call (fallbacks included), for the x-should-retry advice. */
export interface AttemptTally {
  attempts: number;
}

@Injectable()
export class DeploymentAttempts {
  constructor(
    private readonly router: DeploymentRouter,
    private readonly cooldowns: DeploymentCooldowns,
  ) {}

  run<T>(
    call: MeteredCall,
    turn: ModelTurn,
    signals: CallSignals & { deadline: AbortSignal },
    tally: AttemptTally,
    send: (deployment: ResolvedDeployment) => Promise<T>,
  ): Promise<Attempted<T>> {
    let attempts = 0;
    const sendAndObserve = (deployment: ResolvedDeployment): Promise<T> => {
      attempts++;
      tally.attempts++;
      call.deployment = deployment;
      // A send that throws at once is a failed attempt like any other (cooldowns hear of it too).
      let sent: Promise<T>;
      try {
        sent = send(deployment);
      } catch (error) {
        sent = Promise.reject(error);
      }
      return sent.catch((error: unknown) => {
        if (countsAgainstDeployment(error, signals))
          this.cooldowns.recordFailure(deployment, turn.modelDeployments);
        throw error;
      });
    };
    // A promise chain, not an async method: one frame fewer on every call.
    return callWithFallbacks(turn.deployments, this.router, signals.deadline, sendAndObserve, {
      retries: turn.retries,
      isAvailable: (deployment) => this.cooldowns.isAvailable(deployment),
      minWaitMs: this.cooldowns.settings.retryAfterMs,
      route: turn.route,
    }).then(
      (attempted) => {
        call.deployment = attempted.deployment;
        // The router hears the served call's end (the pipeline's `done`), so in-flight counts come down.
        call.served = true;
        return attempted;
      },
      (error: unknown) => {
        const failure = toInvocationError(error, signals);
        if (call.deployment) Object.assign(failure.headers, servedByHeaders(call.deployment, attempts - 1));
        throw failure;
      },
    );
  }

  /**
   * The served attempt's answer was refused after all (an image a filter withheld) and the call moves
   * on to a fallback model: the router hears that call's end now, or least-busy would count it for good.
   */
  release(call: MeteredCall): void {
    if (!call.served) return;
    call.served = false;
    this.router.observe(call.deployment!, { kind: 'done', tokens: 0 });
  }
}
