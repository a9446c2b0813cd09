/** The builder's steps, in the seed's order, and which parts of the document each one edits. */
export const STEPS = [
  { id: 'basics', title: 'Basics', owns: ['/id', '/name', '/organisation', '/period', '/integration'] },
  { id: 'audience', title: 'Audience', owns: ['/audience'] },
  { id: 'channels', title: 'Channels', owns: ['/channels'] },
  { id: 'content', title: 'Content pillars', owns: ['/pillars', '/contentMix'] },
  { id: 'objectives', title: 'Objectives & KPIs', owns: ['/objectives'] },
  { id: 'resources', title: 'Resources', owns: ['/resources', '/settings'] },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

export const isStepId = (s: string | undefined): s is StepId => STEPS.some((step) => step.id === s);

/** The step whose form holds the field at `pointer`; undefined for the whole document (""). */
export function stepOfPointer(pointer: string): StepId | undefined {
  return STEPS.find((step) => step.owns.some((p) => pointer === p || pointer.startsWith(`${p}/`)))?.id;
}

export const stepIndex = (id: StepId): number => STEPS.findIndex((s) => s.id === id);
