// What is left of a budget, as /key/info, /team/info, /user/info (and /customer/info) show it: null when
// there is no budget (nothing to run out of); negative when spend has overshot it (requests already in
// flight when the budget ran out), so the overshoot stays visible.
export function remainingBudget(maxBudget: number | null, spend: number): number | null {
  return maxBudget === null ? null : maxBudget - spend;
}
