// The AWS SDK for JavaScript v3 against services Chokepoint recognises but does not emulate (no upstream here):
// each call gets a clear error, never a success, and past a lowered limit each service's own throttling error,
// which the SDK classifies as throttling and retries.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { isThrottlingError } from "@smithy/core/retry";
import { S3Client, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";
import { SQSClient, ListQueuesCommand } from "@aws-sdk/client-sqs";
import { SNSClient, ListTopicsCommand } from "@aws-sdk/client-sns";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { startServer, clientConfig } from "./server.mjs";

// name, client, command, the bucket to lower (a group or an operation), throttling code, HTTP status
const CASES = [
  ["S3", S3Client, () => new ListObjectsV2Command({ Bucket: "reports" }), "s3", "PrefixReads", "SlowDown", 503],
  ["Lambda", LambdaClient, () => new ListFunctionsCommand({}), "lambda", "ControlPlane", "TooManyRequestsException", 429],
  ["SecretsManager", SecretsManagerClient, () => new GetSecretValueCommand({ SecretId: "db" }), "secretsmanager",
   "GetSecretValue", "ThrottlingException", 400],
  ["KMS", KMSClient, () => new EncryptCommand({ KeyId: "alias/app", Plaintext: Buffer.from("x") }), "kms",
   "CryptographicOperationsSymmetric", "ThrottlingException", 400],
  ["SQS", SQSClient, () => new ListQueuesCommand({}), "sqs", "ListQueues", "ThrottlingException", 400],
  ["SNS", SNSClient, () => new ListTopicsCommand({}), "sns", "ListTopics", "ThrottlingException", 400],
  ["CloudWatchLogs", CloudWatchLogsClient, () => new DescribeLogGroupsCommand({}), "logs", "DescribeLogGroups",
   "ThrottlingException", 400],
  ["IAM", IAMClient, () => new ListRolesCommand({}), "iam", "ListRoles", "Throttling", 400],
];

const CONFIG = "limits:\n" + CASES.map(([, , , service, bucket]) =>
  `  - match: {service: ${service}}\n    buckets: {${bucket}: {rate: 0.01, burst: 2}}\n`).join("");

let server;
before(async () => { server = await startServer(CONFIG); });
after(async () => { await server.stop(); });

const make = (Client, extra) => new Client(clientConfig(server.endpoint, { forcePathStyle: true, ...extra }));

for (const [name, Client, command, , , code, status] of CASES) {
  test(`${name}: not emulated is an error, and its throttling error is classified as throttling`, async () => {
    const once = make(Client, { maxAttempts: 1 });
    await assert.rejects(once.send(command()), (err) => {
      assert.notEqual(err.name, code);
      assert.match(err.message, /Chokepoint does not emulate/);
      return true;
    });
    await once.send(command()).catch(() => {});  // the second token of the bucket
    const client = make(Client, { maxAttempts: 2 });
    await assert.rejects(client.send(command()), (err) => {
      assert.equal(err.name, code);
      assert.equal(err.$metadata.httpStatusCode, status);
      assert.ok(isThrottlingError(err), `${code} not classified as throttling`);
      assert.equal(err.$metadata.attempts, 2, "the SDK did not retry");
      return true;
    });
  });
}
