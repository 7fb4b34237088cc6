import { patternProblem } from '../live/glob.ts';
import { MAX_RECORDING_PATTERN_LENGTH, RecordingFormSchema } from '../validations/recordings.ts';

/** `POST /api/recordings` as the server reads it: the form's schema, each pattern a glob the live tail would follow. */
export const StartRecordingSchema = RecordingFormSchema.superRefine(({ patterns }, context) => {
  for (const [index, pattern] of patterns.entries()) {
    const problem = patternProblem(pattern, MAX_RECORDING_PATTERN_LENGTH);
    if (problem) context.addIssue({ code: 'custom', path: ['patterns', index], message: problem });
  }
});
