"""The state the throughput cases read, created with boto3 the way a client would (works on Chokepoint and moto)."""
import boto3
from botocore.config import Config

ACCESS_KEY = "AKIDBENCH"  # neither 12 digits nor LSIA/LKIA: Chokepoint's default account, as the wrk scripts use
INSTANCES = 100
QUERY_ITEMS = 10


def client(service, url):
    return boto3.client(service, endpoint_url=url, region_name="us-east-1", aws_access_key_id=ACCESS_KEY,
                        aws_secret_access_key="bench", config=Config(retries={"max_attempts": 10}))


def seed_dynamodb(url):
    ddb = client("dynamodb", url)
    ddb.create_table(TableName="bench", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    ddb.create_table(TableName="bench_query", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                {"AttributeName": "sk", "KeyType": "RANGE"}])
    for table in ("bench", "bench_query"):
        ddb.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})
    ddb.put_item(TableName="bench", Item={"pk": {"S": "get-1"}, "name": {"S": "benchmark item"},
                                          "count": {"N": "42"}, "tags": {"SS": ["a", "b", "c"]}})
    for i in range(QUERY_ITEMS):
        ddb.put_item(TableName="bench_query", Item={"pk": {"S": "partition-1"}, "sk": {"N": str(i)},
                                                    "value": {"S": f"item {i} of the queried partition"}})


def seed_ssm(url):
    client("ssm", url).put_parameter(Name="/bench/parameter", Value="benchmark value", Type="String")


def seed_ec2(url):
    ec2 = client("ec2", url)
    images = ec2.describe_images(Owners=["amazon"]).get("Images") or ec2.describe_images().get("Images")
    ec2.run_instances(ImageId=images[0]["ImageId"], InstanceType="t3.micro", MinCount=INSTANCES,
                      MaxCount=INSTANCES)
    found = sum(len(r["Instances"]) for r in ec2.describe_instances()["Reservations"])
    if found != INSTANCES:
        raise RuntimeError(f"expected {INSTANCES} instances, found {found}")


def seed_all(url):
    seed_dynamodb(url)
    seed_ssm(url)
    seed_ec2(url)
