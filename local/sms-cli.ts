// npm run sms -- <phone> "<text>": texts the running local server as that phone and prints the reply.
import { helperArguments, postToServer } from './helper-request.js';

const [phone, text] = helperArguments('npm run sms -- +255754100010 "FIND rice"', 'required');
const { reply } = await postToServer<{ reply: { text: string; encoding: string; segments: number } | null }>('/simulator/sms', {
  phone,
  text,
});
if (reply) console.log(reply.text);
else console.error('(no reply)');
