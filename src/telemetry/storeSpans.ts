import { context, trace, SpanKind, type Span } from '@opentelemetry/api';
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
 * A span per store query (`store select cases`), child of whatever is active (the turn, a reminder delivery). Only the
 * operation and table are recorded: never the SQL parameters, which hold case data. A query that throws never reaches
 * transformResult; its span is dropped with the WeakMap entry instead of being exported half-open.
 */
export function storeSpans(engine: 'sqlite' | 'postgres'): KyselyPlugin {
  const open = new WeakMap<object, Span>();
  const tracer = trace.getTracer('csp-support-desk');
  const system = engine === 'postgres' ? 'postgresql' : 'sqlite';
  return {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      if (!telemetryEnabled()) return args.node;
      // Only inside a turn or a reminder delivery: the worker's idle polls would otherwise be a stream of lone root spans.
      const parent = context.active();
      if (!trace.getSpan(parent)) return args.node;
      const operation = operations[args.node.kind] ?? 'query';
      const table = tableOf(args.node);
      const span = tracer.startSpan(
        `${spanNames.storePrefix} ${operation}${table ? ` ${table}` : ''}`,
        { kind: SpanKind.CLIENT, attributes: { 'db.system': system, 'db.operation.name': operation, ...(table ? { 'db.collection.name': table } : {}) } },
        parent,
      );
      open.set(args.queryId, span);
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
