import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { VillageTradeStack } from '../../infra/village-trade-stack.js';

/** The stack in an app that runs both rule packs at synthesis (without bundling the functions: the rules read the template). */
function checkedStack() {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'nag-')), context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new VillageTradeStack(app, 'NagStack');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}

describe('cdk-nag', () => {
  it('finds nothing in the stack that is not acknowledged with a reason', () => {
    expect(() => checkedStack().app.synth()).not.toThrow();
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    const { app, stack } = checkedStack();
    new Queue(stack, 'Careless', { enforceSSL: false });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
