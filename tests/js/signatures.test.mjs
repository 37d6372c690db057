// The JS SDK v3's SigV4 signatures against a server that verifies them (auth.require_signature: true): valid
// signatures are accepted in every protocol family, a wrong secret is refused with each family's own error.
// Starts its own server (server.mjs); run with `node --test tests/js/signatures.test.mjs`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { SSMClient, DescribeParametersCommand } from "@aws-sdk/client-ssm";
import { EC2Client, DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { CloudFormationClient, ListStacksCommand } from "@aws-sdk/client-cloudformation";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { startServer } from "./server.mjs";

const KEY = "AKIAJSSIGNATURETEST1";
const SECRET = "js-signature-secret-0123456789abcdef";
const ACCOUNT = "333333333333";
const CONFIG = `
auth: {require_signature: true}
accounts:
  - {access_key: ${KEY}, secret_key: "${SECRET}", account: "${ACCOUNT}"}
`;

let server;
before(async () => { server = await startServer(CONFIG); });
after(async () => { await server.stop(); });

const config = (secretAccessKey) => ({
  endpoint: server.endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: KEY, secretAccessKey },
  maxAttempts: 1,
});

test("signed calls in every protocol family are accepted", async () => {
  const good = config(SECRET);
  const identity = await new STSClient(good).send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Account, ACCOUNT);
  await new DynamoDBClient(good).send(new ListTablesCommand({}));
  await new SSMClient(good).send(new DescribeParametersCommand({}));
  await new EC2Client(good).send(new DescribeRegionsCommand({}));
  await new CloudFormationClient(good).send(new ListStacksCommand({}));
});

test("a wrong secret is refused with each family's error", async () => {
  const bad = config("not-the-secret");
  const cases = [
    [new STSClient(bad), new GetCallerIdentityCommand({}), "SignatureDoesNotMatch"],
    [new DynamoDBClient(bad), new ListTablesCommand({}), "InvalidSignatureException"],
    [new SSMClient(bad), new DescribeParametersCommand({}), "InvalidSignatureException"],
    [new EC2Client(bad), new DescribeRegionsCommand({}), "AuthFailure"],
  ];
  for (const [client, command, code] of cases) {
    await assert.rejects(client.send(command), (e) => e.name === code || e.Code === code);
  }
});
