// The AWS SDK for JavaScript v3 against Chokepoint: the core happy paths of each service, and each service's
// throttling error classified as throttling by the SDK's own retry logic.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { isThrottlingError } from "@smithy/core/retry";
import { DynamoDBClient, CreateTableCommand, PutItemCommand, GetItemCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { SSMClient, PutParameterCommand, GetParameterCommand, DescribeParametersCommand } from "@aws-sdk/client-ssm";
import { EC2Client, RunInstancesCommand, DescribeInstancesCommand, DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { startServer, clientConfig } from "./server.mjs";

// Small buckets for the calls used to provoke throttling; everything else keeps AWS's defaults.
const CONFIG = `
limits:
  - match: {service: ec2}
    buckets: {DescribeRegions: {rate: 0.01, burst: 2}}
  - match: {service: ssm}
    buckets: {DescribeParameters: {rate: 0.01, burst: 2}}
  - match: {service: dynamodb}
    buckets: {ListTables: {rate: 0.01, burst: 2}}
  - match: {service: cloudformation}
    buckets: {DescribeStacks: {rate: 0.01, burst: 2}}
  - match: {service: sts}
    buckets: {GetCallerIdentity: {rate: 0.01, burst: 2}}
`;

let server;
before(async () => { server = await startServer(CONFIG); });
after(async () => { await server.stop(); });

const make = (Client, extra) => new Client(clientConfig(server.endpoint, extra));

test("STS GetCallerIdentity resolves the account from the access key", async () => {
  const sts = make(STSClient);
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Account, "123456789012");
  assert.ok(identity.$metadata.requestId);
});

test("DynamoDB: create a table, put and get an item", async () => {
  const ddb = make(DynamoDBClient);
  await ddb.send(new CreateTableCommand({
    TableName: "js-table",
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
  }));
  await ddb.send(new PutItemCommand({ TableName: "js-table", Item: { pk: { S: "a" }, n: { N: "42" } } }));
  const got = await ddb.send(new GetItemCommand({ TableName: "js-table", Key: { pk: { S: "a" } } }));
  assert.deepEqual(got.Item, { pk: { S: "a" }, n: { N: "42" } });
});

test("SSM: put and get a parameter", async () => {
  const ssm = make(SSMClient);
  await ssm.send(new PutParameterCommand({ Name: "/js/p", Value: "v1", Type: "String" }));
  const got = await ssm.send(new GetParameterCommand({ Name: "/js/p" }));
  assert.equal(got.Parameter.Value, "v1");
  assert.equal(got.Parameter.Version, 1);
});

test("EC2: run and describe instances", async () => {
  const ec2 = make(EC2Client);
  const run = await ec2.send(new RunInstancesCommand({ ImageId: "ami-0a1b2c3d4e5f60001", MinCount: 2, MaxCount: 2,
                                                       InstanceType: "t3.micro" }));
  assert.equal(run.Instances.length, 2);
  const ids = run.Instances.map((i) => i.InstanceId);
  const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
  const found = described.Reservations.flatMap((r) => r.Instances).map((i) => i.InstanceId).sort();
  assert.deepEqual(found, [...ids].sort());
});

test("CloudFormation: create a stack and describe it", async () => {
  const cfn = make(CloudFormationClient);
  const template = JSON.stringify({ Resources: { Handle: { Type: "AWS::CloudFormation::WaitConditionHandle" } },
                                    Outputs: { Out: { Value: { Ref: "AWS::StackName" } } } });
  const created = await cfn.send(new CreateStackCommand({ StackName: "js-stack", TemplateBody: template }));
  assert.match(created.StackId, /^arn:aws:cloudformation:us-east-1:123456789012:stack\/js-stack\//);
  let status = "";
  for (let i = 0; i < 100 && !status.endsWith("_COMPLETE"); i++) {
    const stacks = await cfn.send(new DescribeStacksCommand({ StackName: "js-stack" }));
    status = stacks.Stacks[0].StackStatus;
    if (!status.endsWith("_COMPLETE")) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(status, "CREATE_COMPLETE");
});

// Each service's throttling error: the SDK must classify it as throttling and retry it (3 attempts in its
// default standard mode).
const THROTTLE_CASES = [
  ["EC2", EC2Client, () => new DescribeRegionsCommand({}), "RequestLimitExceeded", 503],
  ["SSM", SSMClient, () => new DescribeParametersCommand({}), "ThrottlingException", 400],
  ["DynamoDB", DynamoDBClient, () => new ListTablesCommand({}), "ThrottlingException", 400],
  ["CloudFormation", CloudFormationClient, () => new DescribeStacksCommand({}), "Throttling", 400],
  ["STS", STSClient, () => new GetCallerIdentityCommand({}), "Throttling", 400],
];

for (const [name, Client, command, code, status] of THROTTLE_CASES) {
  test(`${name}: throttling error is classified as throttling and retried`, async () => {
    const once = make(Client, { maxAttempts: 1 });
    // Drain the two-token bucket; the next call is throttled.
    for (let i = 0; i < 2; i++) await once.send(command()).catch(() => {});
    const client = make(Client, { maxAttempts: 2 });
    await assert.rejects(client.send(command()), (err) => {
      assert.equal(err.name, code);
      assert.equal(err.$metadata.httpStatusCode, status);
      assert.ok(isThrottlingError(err), `${code} not classified as throttling`);
      assert.equal(err.$metadata.attempts, 2, "the SDK did not retry");
      assert.ok(err.$metadata.requestId);
      return true;
    });
  });
}

// DynamoDB's capacity error on the data plane: injected with a fault rule for one table, so that the check does
// not depend on how fast this machine can drain a table's capacity.
test("DynamoDB: ProvisionedThroughputExceededException is classified as throttling and retried", async () => {
  const ddb = make(DynamoDBClient, { maxAttempts: 3 });
  await ddb.send(new CreateTableCommand({
    TableName: "js-capacity",
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
  }));
  const rule = { service: "dynamodb", operation: "PutItem", resource: "js-capacity", count: 3,
                 error: { code: "ProvisionedThroughputExceededException", status: 400,
                          message: "The level of configured provisioned throughput for the table was exceeded." } };
  const added = await fetch(`${server.endpoint}/_chokepoint/faults`, { method: "POST", body: JSON.stringify(rule) });
  assert.equal(added.status, 200);
  await assert.rejects(ddb.send(new PutItemCommand({ TableName: "js-capacity", Item: { pk: { S: "a" } } })), (err) => {
    assert.equal(err.name, "ProvisionedThroughputExceededException");
    assert.ok(isThrottlingError(err), "ProvisionedThroughputExceededException not classified as throttling");
    assert.equal(err.$metadata.attempts, 3, "the SDK did not retry");
    return true;
  });
  // The rule is spent (3 calls): the next write goes through.
  const put = await ddb.send(new PutItemCommand({ TableName: "js-capacity", Item: { pk: { S: "a" } } }));
  assert.equal(put.$metadata.attempts, 1);
});
