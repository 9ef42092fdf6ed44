/** Creates the table exactly as serverless.yml defines it, so tests and the local stack match the cloud. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { localClient } from './dynamodb-local';

const root = join(import.meta.dirname, '..', '..');

// CloudFormation's short-form tags, read as plain data: the table definition does not depend on them.
const cfnTags = ['!GetAtt', '!Join', '!Ref', '!Sub', '!Select', '!Split'].flatMap((tag) =>
  (['scalar', 'sequence', 'mapping'] as const).map((kind) => new yaml.Type(tag, { kind, construct: (data: unknown) => ({ [tag]: data }) })),
);
const CFN_SCHEMA = yaml.DEFAULT_SCHEMA.extend(cfnTags);

/** The CreateTable input of serverless.yml's `Table` resource, for the table name given. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const doc = yaml.load(readFileSync(join(root, 'serverless.yml'), 'utf8'), { schema: CFN_SCHEMA }) as {
    resources: { Resources: { Table: { Properties: Record<string, unknown> } } };
  };
  const p = doc.resources.Resources.Table.Properties as unknown as CreateTableCommandInput;
  return {
    TableName: tableName,
    BillingMode: p.BillingMode,
    AttributeDefinitions: p.AttributeDefinitions,
    KeySchema: p.KeySchema,
    GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
  };
}

/** Creates the table if it does not exist yet. */
export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'existed'> {
  const client = localClient(endpoint);
  try {
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
    for (let i = 0; i < 50; i++) {
      const t = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (t.Table?.TableStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return 'created';
  } catch (error) {
    if (error instanceof ResourceInUseException) return 'existed';
    throw error;
  } finally {
    client.destroy();
  }
}
