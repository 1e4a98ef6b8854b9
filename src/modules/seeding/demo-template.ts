// The slots of the demo's problem templates (seeds/demo/problems.json): {place}, {street}, a number
// {lo-hi} or {lo-hi/step}, and one of several wordings {a|b|c}. Slots nest ({a|{street} street});
// the innermost is filled first, left to right, so one random stream gives the same text every run.

const INNERMOST = /\{([^{}]*)\}/;
const NUMBER = /^(\d+)-(\d+)(?:\/(\d+))?$/;

export interface SlotFillers {
  place: string;
  street: () => string;
  /** An integer in [0, max): the random stream. */
  int: (max: number) => number;
}

function fill(slot: string, fillers: SlotFillers): string {
  if (slot === 'place') return fillers.place;
  if (slot === 'street') return fillers.street();
  const number = NUMBER.exec(slot);
  if (number) {
    const [lo, hi, step] = [Number(number[1]), Number(number[2]), Number(number[3] ?? 1)];
    if (hi < lo || step < 1) throw new Error(`bad number slot {${slot}}`);
    return String(lo + step * fillers.int(Math.floor((hi - lo) / step) + 1));
  }
  if (slot.includes('|')) {
    const options = slot.split('|');
    return options[fillers.int(options.length)] as string;
  }
  throw new Error(`unknown slot {${slot}}`);
}

/** The template with every slot filled. Throws on a slot it does not know. */
export function renderTemplate(text: string, fillers: SlotFillers): string {
  let out = text;
  for (let m = INNERMOST.exec(out); m; m = INNERMOST.exec(out)) {
    out = out.slice(0, m.index) + fill(m[1] as string, fillers) + out.slice(m.index + m[0].length);
  }
  if (out.includes('}')) throw new Error(`unbalanced braces in "${text}"`);
  return out;
}

/** A pattern that matches every text the template can give (used to trace a problem back to its template). */
export function templatePattern(text: string): RegExp {
  const SLOT = '\u0000';
  let shape = text;
  for (let m = INNERMOST.exec(shape); m; m = INNERMOST.exec(shape)) {
    shape = shape.slice(0, m.index) + SLOT + shape.slice(m.index + m[0].length);
  }
  const escaped = shape.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\u0000+/g, '.+?');
  return new RegExp(`^${escaped}$`, 'su');
}
