import { Aws, CfnCondition, CfnOutput, CfnParameter, Fn, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { type CfnApi, type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { VillageTradeFunctions } from './functions-construct.js';
import { numberParameter } from './stack-parameters.js';

/**
 * The HTTP API and its edge: throttling for every route, access logs, and CORS only for the origins
 * named. Made before the functions (they carry its URL), routed to them once they exist.
 */
export class VillageTradeApi {
  readonly httpApi: HttpApi;

  constructor(stack: Stack) {
    this.httpApi = new HttpApi(stack, 'HttpApi', { description: 'Village Trade: GraphQL, OAuth, Twilio webhooks, USSD callbacks' });
    this.throttleAndLog(stack);
    this.allowBrowserOrigins(stack);
  }

  /** Each route to its function, and the URLs the operator gives Twilio, the USSD aggregator and Daraja. */
  routeTo(functions: VillageTradeFunctions): void {
    const { httpApi } = this;
    const stack = httpApi.stack;
    httpApi.addRoutes({
      path: '/graphql',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('GraphqlIntegration', functions.graphql.fn),
    });
    const smsIntegration = new HttpLambdaIntegration('SmsIntegration', functions.sms.fn);
    httpApi.addRoutes({ path: '/sms/twilio', methods: [HttpMethod.POST], integration: smsIntegration });
    httpApi.addRoutes({ path: '/sms/status', methods: [HttpMethod.POST], integration: smsIntegration });
    httpApi.addRoutes({
      path: '/payments/mpesa/callback/{secret}',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('MpesaIntegration', functions.mpesaCallback.fn),
    });
    const ussdIntegration = new HttpLambdaIntegration('UssdIntegration', functions.ussd.fn);
    httpApi.addRoutes({ path: '/ussd', methods: [HttpMethod.POST], integration: ussdIntegration });
    httpApi.addRoutes({ path: '/ussd/events', methods: [HttpMethod.POST], integration: ussdIntegration });

    const oauthIntegration = new HttpLambdaIntegration('OAuthIntegration', functions.oauth.fn);
    httpApi.addRoutes({ path: '/.well-known/oauth-authorization-server', methods: [HttpMethod.GET], integration: oauthIntegration });
    for (const path of ['/oauth/token', '/oauth/revoke', '/oauth/bc-authorize']) {
      httpApi.addRoutes({ path, methods: [HttpMethod.POST], integration: oauthIntegration });
    }

    new CfnOutput(stack, 'OAuthMetadataUrl', {
      description: "Apps' OAuth 2.0 clients discover the token, revocation and backchannel endpoints here",
      value: `${httpApi.apiEndpoint}/.well-known/oauth-authorization-server`,
    });
    new CfnOutput(stack, 'GraphqlUrl', { description: 'POST GraphQL requests here', value: `${httpApi.apiEndpoint}/graphql` });
    new CfnOutput(stack, 'TwilioWebhookUrl', {
      description: "A Messaging webhook of the Twilio number: 'A message comes in', HTTP POST",
      value: `${httpApi.apiEndpoint}/sms/twilio`,
    });
    new CfnOutput(stack, 'UssdCallbackUrl', {
      description: "The aggregator's callback URL; append ?key=<the apiKey of the USSD secret>",
      value: `${httpApi.apiEndpoint}/ussd`,
    });
    new CfnOutput(stack, 'MpesaCallbackUrl', {
      description:
        'Given to Daraja by the functions themselves with each payment request; <secret> is the callbackSecret of the M-Pesa secret',
      value: `${httpApi.apiEndpoint}/payments/mpesa/callback/<secret>`,
    });
  }

  private throttleAndLog(stack: Stack): void {
    const throttleRate = numberParameter(stack, 'ApiRateLimit', 'Requests a second the HTTP API accepts, over all callers', 200);
    const throttleBurst = numberParameter(stack, 'ApiBurstLimit', 'Requests the HTTP API accepts in a burst', 400);
    const accessLogs = new logs.LogGroup(stack, 'ApiAccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = this.httpApi.defaultStage!.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = { throttlingRateLimit: throttleRate.valueAsNumber, throttlingBurstLimit: throttleBurst.valueAsNumber };
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      // The route key, never the path or query: the M-Pesa callback's path and the USSD URL carry secrets.
      format: JSON.stringify({
        requestId: '$context.requestId',
        time: '$context.requestTime',
        route: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
        sourceIp: '$context.identity.sourceIp',
      }),
    };
  }

  private allowBrowserOrigins(stack: Stack): void {
    const corsOrigins = new CfnParameter(stack, 'CorsAllowedOrigins', {
      type: 'CommaDelimitedList',
      default: '',
      description: 'Browser origins allowed to call the API (https://app.example.org,...); empty: no browser app',
    });
    const cors = new CfnCondition(stack, 'CorsOn', {
      expression: Fn.conditionNot(Fn.conditionEquals(Fn.join('', corsOrigins.valueAsList), '')),
    });
    (this.httpApi.node.defaultChild as CfnApi).corsConfiguration = Fn.conditionIf(
      cors.logicalId,
      {
        AllowOrigins: corsOrigins.valueAsList,
        AllowMethods: ['POST', 'OPTIONS'],
        AllowHeaders: ['authorization', 'content-type'],
        MaxAge: 600,
      },
      Aws.NO_VALUE,
    );
  }
}
