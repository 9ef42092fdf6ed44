/**
 * Stands in for `@smithy/core/event-streams` in the function bundles (serverless.yml, esbuild `alias`).
 * The SDK's protocol code imports it dynamically, only for operations that stream events; DynamoDB has
 * none, yet esbuild bundles every dynamic import it can resolve: ≈ 20 KB compiled at every cold start
 * for nothing (docs/design.md "Cold start"). Should a future SDK call need it, this says so at once.
 */
const absent = (): never => {
  throw new Error('@smithy/core/event-streams is not bundled (functions/src/lib/no-event-streams.ts): DynamoDB has no event-stream operations');
};

export class EventStreamSerde {
  constructor() {
    absent();
  }
}

export const eventStreamSerdeProvider = absent;
