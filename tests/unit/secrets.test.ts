import { clearCaches } from '@aws-lambda-powertools/parameters';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { readSenderConfig, readSmsConfig, withSecrets } from '../../core/config/index.js';

const secrets = mockClient(SecretsManagerClient);
afterEach(() => {
  secrets.reset();
  clearCaches();
});

const cloud = { TABLE_NAME: 'village-trade', TWILIO_SECRET_NAME: 'village-trade/twilio', MPESA_SECRET_NAME: 'village-trade/mpesa' };

describe('secrets', () => {
  it('fills the settings from the secrets the environment names, and leaves the environment as it was', async () => {
    secrets
      .on(GetSecretValueCommand, { SecretId: 'village-trade/twilio' })
      .resolves({ SecretString: JSON.stringify({ accountSid: 'AC123', authToken: 'token-1', from: '+255700000001' }) });
    secrets
      .on(GetSecretValueCommand, { SecretId: 'village-trade/mpesa' })
      .rejects(new ResourceNotFoundException({ message: 'no such secret', $metadata: {} }));
    const env = { ...cloud };
    const settings = await withSecrets(env);
    expect(readSmsConfig(settings).twilioAuthToken).toBe('token-1');
    expect(readSenderConfig(settings).twilio).toEqual({ accountSid: 'AC123', authToken: 'token-1', from: '+255700000001' });
    // A secret not created yet: its feature is simply off.
    expect(settings.MPESA_CONSUMER_KEY).toBeUndefined();
    expect(env).toEqual(cloud);
  });

  it('does not hide a fault such as a missing permission', async () => {
    secrets.on(GetSecretValueCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    await expect(withSecrets({ TWILIO_SECRET_NAME: 'village-trade/twilio' })).rejects.toThrow();
  });

  it('takes the values themselves from the environment when no secret is named (npm start)', async () => {
    const settings = await withSecrets({ TABLE_NAME: 't', TWILIO_AUTH_TOKEN: 'local-token' });
    expect(readSmsConfig(settings).twilioAuthToken).toBe('local-token');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});
