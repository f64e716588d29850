// How replies are cut into stream deltas: text by word (whitespace kept, so concatenating the
// deltas gives back the exact text), JSON tool input in fixed-width fragments.

export function textDeltas(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

const JSON_FRAGMENT_CHARS = 12;

export function jsonFragments(json: string): string[] {
  const fragments: string[] = [];
  for (let start = 0; start < json.length; start += JSON_FRAGMENT_CHARS) {
    fragments.push(json.slice(start, start + JSON_FRAGMENT_CHARS));
  }
  return fragments.length > 0 ? fragments : [''];
}
