/**
 * Every item carries `entity` (its type) and `version` (its shape). Puts write them with the item; an
 * update that may create its item (a counter's first ADD) sets them with this clause.
 */
export const tagOnCreate = (entity: string, version = 1) => ({
  set: 'entity = :entity, version = :version',
  values: { ':entity': entity, ':version': version },
});
