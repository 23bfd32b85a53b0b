import { z } from 'zod';
import { THEME_KEYS } from '../catalog/types';
import { getControl } from '../catalog/catalog';

/** Ids appear in URLs and Yjs map keys: keep them short, lowercase and unambiguous. */
const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens');

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour clock)');

const controlRef = z.string().refine((id) => getControl(id) !== undefined, {
  message: 'is not an ISO/IEC 27002:2022 control id',
});

/**
 * What participants may do while a phase runs: "edit" (the default) or "read-only" (e.g. while
 * groups present, every board is frozen). The server enforces it on every write once the
 * instructor moves the room to that phase.
 */
export const PHASE_PARTICIPANT_ACCESS = ['edit', 'read-only'] as const;
export type PhaseParticipantAccess = (typeof PHASE_PARTICIPANT_ACCESS)[number];

export const scheduleItemSchema = z.object({
  label_ja: z.string().min(1),
  label_en: z.string().min(1),
  start: clockTime,
  end: clockTime,
  participants: z.enum(PHASE_PARTICIPANT_ACCESS).optional(),
});

export const assetSchema = z.object({
  id: slug,
  name_ja: z.string().min(1).max(200),
  name_en: z.string().min(1).max(200),
  risk_ja: z.string().min(1).max(2000),
  risk_en: z.string().min(1).max(2000),
});

export const exampleAnswerSchema = z.object({
  about: z.string().optional(),
  asset: slug,
  rows: z
    .array(z.object({ control: controlRef, note_ja: z.string(), note_en: z.string().optional() }))
    .min(1),
  advice_ja: z.string().optional(),
  advice_en: z.string().optional(),
});

export const scenarioSchema = z
  .object({
    id: slug,
    /** A sample written for this product (not from a seminar report): the UI says so. */
    sample: z.boolean().optional(),
    title_ja: z.string().min(1).max(200),
    title_en: z.string().min(1).max(200),
    instructions_ja: z.string().min(1).max(4000),
    instructions_en: z.string().min(1).max(4000),
    /** Which controls the palette offers; "all" asks for a full Annex A exercise. */
    theme: z.enum([...THEME_KEYS, 'all']),
    controls_per_asset: z.number().int().min(1).max(10),
    groups: z.number().int().min(1).max(30),
    schedule: z.array(scheduleItemSchema),
    assets: z.array(assetSchema).min(1).max(30),
    example_answer: exampleAnswerSchema.optional(),
  })
  .superRefine((scenario, ctx) => {
    const seen = new Set<string>();
    scenario.assets.forEach((asset, index) => {
      if (seen.has(asset.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['assets', index, 'id'],
          message: `duplicate asset id "${asset.id}"`,
        });
      }
      seen.add(asset.id);
    });
    if (scenario.example_answer && !seen.has(scenario.example_answer.asset)) {
      ctx.addIssue({
        code: 'custom',
        path: ['example_answer', 'asset'],
        message: `"${scenario.example_answer.asset}" is not one of the scenario's assets`,
      });
    }
    scenario.schedule.forEach((item, index) => {
      if (item.end <= item.start) {
        ctx.addIssue({
          code: 'custom',
          path: ['schedule', index, 'end'],
          message: 'must be after start',
        });
      }
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioAsset = z.infer<typeof assetSchema>;
export type ScheduleItem = z.infer<typeof scheduleItemSchema>;

/** What participants may do in a phase; a phase that says nothing is editable. */
export function phaseParticipantAccess(item: ScheduleItem | undefined): PhaseParticipantAccess {
  return item?.participants ?? 'edit';
}
