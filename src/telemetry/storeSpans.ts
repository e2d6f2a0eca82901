import type { Span, Tracer } from '@opentelemetry/api';
import { otelApi } from './api.js';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { spanNames, telemetryEnabled } from './index.js';

const operations: Record<string, string> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
  RawNode: 'raw',
};

/* eslint-disable @typescript-eslint/no-explicit-any -- walking Kysely's operation tree, whose node types vary by kind */
function tableOf(node: RootOperationNode): string | undefined {
  const n = node as any;
  const table = n.into?.table ?? n.table?.table ?? n.from?.froms?.[0]?.table;
  const name = table?.identifier?.name;
  return typeof name === 'string' ? name : undefined;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The span of one store operation, or undefined when telemetry is off or nothing is being traced. Also used by the
 * statements that bypass Kysely (the SQLite case reads and writes), so a trace shows them like any other query.
 */
export function startStoreSpan(engine: 'sqlite' | 'postgres', operation: string, table: string | undefined, tracer?: Tracer): Span | undefined {
  if (!telemetryEnabled()) return undefined;
  const { context, trace, SpanKind } = otelApi();
  // Only inside a turn or a reminder delivery: the worker's idle polls would otherwise be a stream of lone root spans.
  const parent = context.active();
  if (!trace.getSpan(parent)) return undefined;
  return (tracer ?? trace.getTracer('csp-support-desk')).startSpan(
    `${spanNames.storePrefix} ${operation}${table ? ` ${table}` : ''}`,
    { kind: SpanKind.CLIENT, attributes: { 'db.system': engine === 'postgres' ? 'postgresql' : 'sqlite', 'db.operation.name': operation, ...(table ? { 'db.collection.name': table } : {}) } },
    parent,
  );
}

/**
 * A span per store query (`store select cases`), child of whatever is active (the turn, a reminder delivery). Only the
 * operation and table are recorded: never the SQL parameters, which hold case data. A query that throws never reaches
 * transformResult; its span is dropped with the WeakMap entry instead of being exported half-open.
 */
export function storeSpans(engine: 'sqlite' | 'postgres'): KyselyPlugin {
  const open = new WeakMap<object, Span>();
  const tracer = otelApi().trace.getTracer('csp-support-desk');
  return {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      const span = startStoreSpan(engine, operations[args.node.kind] ?? 'query', tableOf(args.node), tracer);
      if (span) open.set(args.queryId, span);
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const span = open.get(args.queryId);
      if (span) {
        open.delete(args.queryId);
        span.end();
      }
      return args.result;
    },
  };
}
