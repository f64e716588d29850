// Today's behaviour: limits and budgets are stored and returned by the management API but not enforced
// (README "Not yet"). The enforcing implementation replaces this provider in InvocationModule.
import { Injectable } from '@nestjs/common';
import { InvocationLimits, type Admission } from './invocation-limits';

const NOTHING_TO_SETTLE: Admission = Object.freeze({ headers: Object.freeze({}), settle: () => undefined });

@Injectable()
export class UnenforcedLimits extends InvocationLimits {
  admit(): Admission {
    return NOTHING_TO_SETTLE;
  }
}
