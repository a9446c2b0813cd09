import { z } from 'zod';

/** Trimmed and lowercased before the format check: "  Ada@Example.com " is ada@example.com. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .check(z.email({ message: 'must be an email address' }));
