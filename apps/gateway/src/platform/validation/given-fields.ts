/** The fields a request body actually sets (absent and undefined fields leave values unchanged). */
export function givenFields(body: object): string[] {
  return Object.entries(body)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
}
