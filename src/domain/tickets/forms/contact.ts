// Who to tell about a ticket. Anonymity is the system's job: an anonymous submission stores no
// contact at all, whatever else was typed.
import { z } from 'zod';
import {
  evenAfterFieldErrors,
  optionalEmail,
  optionalPhone,
  optionalText,
  personName,
  yes,
} from './fields.ts';

export interface Contact {
  name?: string;
  phone?: string;
  email?: string;
}

export const residentContact = z
  .object({
    anonymous: yes,
    name: optionalText(100),
    phone: optionalPhone,
    email: optionalEmail,
  })
  // Also when a phone or e-mail failed (`evenAfterFieldErrors`), so a missing name is reported in
  // the same round; the value may then be partly unparsed.
  .superRefine((c, ctx) => {
    if (c.anonymous === true) return;
    const name = personName.safeParse(c.name ?? '');
    if (!name.success)
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: name.error.issues[0]?.message ?? 'field.required',
      });
    if (!c.phone && !c.email)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'contact.phone_or_email' });
  }, evenAfterFieldErrors)
  .transform((c): Contact | null =>
    c.anonymous
      ? null
      : { name: c.name, ...(c.phone ? { phone: c.phone } : {}), ...(c.email ? { email: c.email } : {}) },
  );
