import { describe, expect, it } from 'vitest';
import { readSenderConfig } from '../../core/config/index.js';
import { readHelperConfig, readLocalConfig } from '../../local/local-settings.js';

describe("npm start's settings", () => {
  it('takes mobile money to a local Daraja stand-in unless an MPESA_* setting names a Daraja, or LOCAL_MPESA is off', () => {
    expect(readLocalConfig({}).mobileMoney).toBe('local');
    expect(readLocalConfig({ MOBILE_MONEY_EXPIRY_MINUTES: '5' }).mobileMoney).toBe('local');
    expect(readLocalConfig({ MPESA_SHORTCODE: '174379' }).mobileMoney).toBe('daraja');
    expect(readLocalConfig({ MPESA_SHORTCODE: '174379', LOCAL_MPESA: 'off' }).mobileMoney).toBe('daraja');
    expect(readLocalConfig({ LOCAL_MPESA: 'off' }).mobileMoney).toBe('off');
  });

  it("sends notifications to TWILIO_API_BASE_URL instead of Twilio's own, where it is set", () => {
    const account = { TABLE_NAME: 't', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'token', TWILIO_FROM: '+255780000000' };
    expect(readSenderConfig(account).twilio?.apiBaseUrl).toBeUndefined();
    expect(readSenderConfig({ ...account, TWILIO_API_BASE_URL: 'http://127.0.0.1:9999' }).twilio?.apiBaseUrl).toBe('http://127.0.0.1:9999');
  });

  it('points the sms and ussd helpers at port 4000 unless VILLAGE_TRADE_URL says otherwise', () => {
    expect(readHelperConfig({})).toEqual({ serverUrl: 'http://127.0.0.1:4000' });
    expect(readHelperConfig({ VILLAGE_TRADE_URL: 'http://127.0.0.1:4517/' })).toEqual({ serverUrl: 'http://127.0.0.1:4517' });
  });

  it('points the sms and ussd helpers at the PORT npm start was given, unless VILLAGE_TRADE_URL names the server', () => {
    expect(readHelperConfig({ PORT: '4123' })).toEqual({ serverUrl: 'http://127.0.0.1:4123' });
    expect(readHelperConfig({ PORT: '4123', VILLAGE_TRADE_URL: 'http://127.0.0.1:4517' })).toEqual({ serverUrl: 'http://127.0.0.1:4517' });
    expect(() => readHelperConfig({ PORT: 'abc' })).toThrow(/PORT must be a port number/);
    expect(() => readHelperConfig({ PORT: '0' })).toThrow(/VILLAGE_TRADE_URL/);
  });

  it('listens on PORT, or 4000', () => {
    expect(readLocalConfig({}).port).toBe(4000);
    expect(readLocalConfig({ PORT: '0' }).port).toBe(0);
    expect(readLocalConfig({ PORT: '4123' }).port).toBe(4123);
    expect(() => readLocalConfig({ PORT: '70000' })).toThrow(/PORT must be a port number/);
  });
});
