// A zod schema as an OpenAPI 3.0 Schema Object: what the request accepts (its input side).
import { z } from 'zod';

export type SchemaObject = Record<string, unknown> & { example?: unknown };

export function toOpenApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as SchemaObject;
}
