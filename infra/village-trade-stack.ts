import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { VillageTradeApi } from './constructs/api-construct.js';
import { VillageTradeData } from './constructs/data-construct.js';
import { VillageTradeFunctions } from './constructs/functions-construct.js';
import { VillageTradeMonitoring } from './constructs/monitoring-construct.js';
import { acknowledgeFindings } from './nag-acknowledgements.js';

/**
 * The table, the functions, the HTTP API and their monitoring. Each part builds its resources in the
 * stack's own scope, not as a child construct, so that they keep the logical ids they had when the stack
 * was one constructor: a resource whose logical id changes is replaced on deploy, and a replaced table loses its data.
 */
export class VillageTradeStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const data = new VillageTradeData(this);
    const api = new VillageTradeApi(this);
    const functions = new VillageTradeFunctions(this, data, api.httpApi.apiEndpoint);
    api.routeTo(functions);
    const monitoring = new VillageTradeMonitoring(this, functions, api.httpApi);
    acknowledgeFindings(this, {
      functions: functions.all,
      queueConsumers: [functions.notifications.smsSender, functions.notifications.fanout, functions.notifications.webhookSender],
      table: data.table,
      failures: functions.failures,
      api: api.httpApi,
      alarmEmail: monitoring.alarmEmail,
    });
  }
}
