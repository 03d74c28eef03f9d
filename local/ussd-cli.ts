// npm run ussd -- <phone> ["<input path>"]: dials the running local server's USSD menu as that phone,
// enters each input of the path (1*1*rice) in turn, as an aggregator does, and prints the last screen
// (with no path, the first one).
import { randomUUID } from 'node:crypto';
import { helperArguments, postToServer } from './helper-request.js';

const [phone, path] = helperArguments('npm run ussd -- +255754100010 ["1*1*rice"]', 'optional');
const inputs = path === '' ? [] : path.split('*');
const sessionId = `cli-${randomUUID()}`;
for (let hop = 0; hop <= inputs.length; hop++) {
  const screen = await postToServer<{ screen: string; ended: boolean }>('/simulator/ussd', {
    phone,
    serviceCode: '*384#',
    sessionId,
    text: inputs.slice(0, hop).join('*'),
  });
  if (screen.ended || hop === inputs.length) {
    console.log(`${screen.ended ? 'END' : 'CON'} ${screen.screen}`);
    if (hop < inputs.length) console.error(`The session ended before the inputs ${inputs.slice(hop).join('*')}.`);
    break;
  }
}
