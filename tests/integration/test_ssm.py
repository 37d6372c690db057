"""SSM Parameter Store end to end with boto3 and the AWS CLIs: put/get/overwrite/history/labels, paths across
pages, GetParameters with missing names, SecureString, tags, filters, and bad input that changes nothing."""
import base64
import json
import subprocess
import threading
import time
import unittest
import unittest.mock

from botocore.exceptions import ClientError

from harness import ServerTestCase, aws_clis

# Functional tests make many calls in a row: lift the rate limits they would otherwise hit.
CONFIG = """
limits:
  - match: {service: ssm}
    buckets:
      ParameterReads: {enabled: false}
      PutParameter: {enabled: false}
      DescribeParameters: {enabled: false}
      LabelParameterVersion: {enabled: false}
      GetParameterHistory: {enabled: false}
"""


class ParameterStoreTest(ServerTestCase):
    CONFIG = CONFIG

    def setUp(self):
        self.reset()
        self.ssm = self.server.client("ssm")

    def error(self, call, **kwargs):
        with self.assertRaises(ClientError) as e:
            call(**kwargs)
        return e.exception.response

    def test_put_get_overwrite_history_and_labels(self):
        self.assertEqual(self.ssm.put_parameter(Name="/app/url", Value="v1", Type="String"),
                         {"Version": 1, "Tier": "Standard", "ResponseMetadata": unittest.mock.ANY})
        err = self.error(self.ssm.put_parameter, Name="/app/url", Value="v2", Type="String")
        self.assertEqual(err["Error"]["Code"], "ParameterAlreadyExists")
        self.assertIsInstance(self.ssm.exceptions.ParameterAlreadyExists, type)
        self.assertEqual(self.ssm.put_parameter(Name="/app/url", Value="v2", Overwrite=True)["Version"], 2)
        self.ssm.put_parameter(Name="/app/url", Value="v3", Overwrite=True, Description="third")
        param = self.ssm.get_parameter(Name="/app/url")["Parameter"]
        self.assertEqual((param["Value"], param["Version"], param["Type"]), ("v3", 3, "String"))
        self.assertEqual(param["ARN"], "arn:aws:ssm:us-east-1:123456789012:parameter/app/url")
        self.assertEqual(self.ssm.get_parameter(Name="/app/url:1")["Parameter"]["Value"], "v1")

        labelled = self.ssm.label_parameter_version(Name="/app/url", ParameterVersion=2, Labels=["stable", "1bad"])
        self.assertEqual(labelled["InvalidLabels"], ["1bad"])
        self.assertEqual(labelled["ParameterVersion"], 2)
        by_label = self.ssm.get_parameter(Name="/app/url:stable")["Parameter"]
        self.assertEqual((by_label["Value"], by_label["Selector"]), ("v2", ":stable"))

        history = self.ssm.get_parameter_history(Name="/app/url")["Parameters"]
        self.assertEqual([h["Version"] for h in history], [1, 2, 3])
        self.assertEqual(history[1]["Labels"], ["stable"])
        self.assertEqual(history[2]["Description"], "third")
        self.assertEqual(history[0]["LastModifiedUser"], "arn:aws:iam::123456789012:root")
        pages = self.ssm.get_paginator("get_parameter_history").paginate(Name="/app/url", PaginationConfig={"PageSize": 1})
        self.assertEqual([p["Version"] for page in pages for p in page["Parameters"]], [1, 2, 3])

        removed = self.ssm.unlabel_parameter_version(Name="/app/url", ParameterVersion=2, Labels=["stable"])
        self.assertEqual(removed["RemovedLabels"], ["stable"])
        err = self.error(self.ssm.get_parameter, Name="/app/url:9")
        self.assertEqual(err["Error"]["Code"], "ParameterVersionNotFound")

    def test_get_parameters_by_path_recursive_across_pages(self):
        names = [f"/tree/{a}/{b}" for a in ("x", "y") for b in range(5)] + ["/tree/top", "/elsewhere/z"]
        for name in names:
            self.ssm.put_parameter(Name=name, Value=name.upper(), Type="String")
        first = self.ssm.get_parameters_by_path(Path="/tree", Recursive=True, MaxResults=3)
        self.assertEqual(len(first["Parameters"]), 3)
        self.assertIn("NextToken", first)
        paginator = self.ssm.get_paginator("get_parameters_by_path")
        pages = list(paginator.paginate(Path="/tree", Recursive=True, PaginationConfig={"PageSize": 3}))
        got = [p["Name"] for page in pages for p in page["Parameters"]]
        self.assertEqual(sorted(got), sorted(n for n in names if n.startswith("/tree/")))
        self.assertEqual(len(pages), 4)
        one_level = self.ssm.get_parameters_by_path(Path="/tree/")["Parameters"]
        self.assertEqual([p["Name"] for p in one_level], ["/tree/top"])
        err = self.error(self.ssm.get_parameters_by_path, Path="/tree", NextToken="not-a-token")
        self.assertEqual(err["Error"]["Code"], "InvalidNextToken")

    def test_get_parameters_with_missing_names(self):
        for i in range(3):
            self.ssm.put_parameter(Name=f"/many/p{i}", Value=str(i), Type="String")
        out = self.ssm.get_parameters(Names=["/many/p0", "/nope", "/many/p2", "/many/p1:5"])
        self.assertEqual(sorted(p["Name"] for p in out["Parameters"]), ["/many/p0", "/many/p2"])
        self.assertEqual(sorted(out["InvalidParameters"]), ["/many/p1:5", "/nope"])

    def test_secure_string_round_trip(self):
        self.ssm.put_parameter(Name="/secret/db", Value="s3cr3t!", Type="SecureString")
        self.ssm.put_parameter(Name="/secret/api", Value="key", Type="SecureString", KeyId="alias/custom")
        hidden = self.ssm.get_parameter(Name="/secret/db")["Parameter"]["Value"]
        self.assertNotEqual(hidden, "s3cr3t!")
        self.assertEqual(base64.b64decode(hidden).decode(), "kms:alias/aws/ssm:s3cr3t!")
        self.assertEqual(self.ssm.get_parameter(Name="/secret/db", WithDecryption=True)["Parameter"]["Value"], "s3cr3t!")
        by_path = self.ssm.get_parameters_by_path(Path="/secret", WithDecryption=True)["Parameters"]
        self.assertEqual({p["Name"]: p["Value"] for p in by_path}, {"/secret/db": "s3cr3t!", "/secret/api": "key"})
        described = {p["Name"]: p for p in self.ssm.describe_parameters()["Parameters"]}
        self.assertEqual(described["/secret/api"]["KeyId"], "alias/custom")
        self.assertEqual(described["/secret/db"]["KeyId"], "alias/aws/ssm")

    def test_bad_input_gets_the_right_error_and_changes_nothing(self):
        self.ssm.put_parameter(Name="/guarded", Value="abc", Type="String", AllowedPattern="^[a-z]+$")
        cases = [
            (dict(Name="/has space", Value="v", Type="String"), "ValidationException"),
            (dict(Name="relative/path", Value="v", Type="String"), "ValidationException"),
            (dict(Name="/" + "/".join(f"l{i}" for i in range(16)), Value="v", Type="String"),
             "HierarchyLevelLimitExceededException"),
            (dict(Name="/aws/mine", Value="v", Type="String"), "AccessDeniedException"),
            (dict(Name="ssm-thing", Value="v", Type="String"), "ValidationException"),
            (dict(Name="/big", Value="x" * 4097, Type="String"), "ValidationException"),
            (dict(Name="/bigger", Value="x" * 8193, Type="String", Tier="Advanced"), "ValidationException"),
            (dict(Name="/pattern", Value="v", Type="String", AllowedPattern="(unclosed"), "InvalidAllowedPatternException"),
            (dict(Name="/pattern", Value="123", Type="String", AllowedPattern="[a-z]+"),
             "ParameterPatternMismatchException"),
            (dict(Name="/guarded", Value="ABC", Overwrite=True), "ParameterPatternMismatchException"),
            (dict(Name="/notype", Value="v"), "ValidationException"),
        ]
        for kwargs, code in cases:
            with self.subTest(name=kwargs["Name"][:40], code=code):
                err = self.error(self.ssm.put_parameter, **kwargs)
                self.assertEqual(err["Error"]["Code"], code, err["Error"])
                self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], 400)
        standard = self.error(self.ssm.put_parameter, Name="/big", Value="x" * 4097, Type="String")
        self.assertIn("Standard tier parameters support a maximum parameter value of 4096", standard["Error"]["Message"])
        self.assertEqual([p["Name"] for p in self.ssm.describe_parameters()["Parameters"]], ["/guarded"])
        self.assertEqual(self.ssm.get_parameter(Name="/guarded")["Parameter"]["Version"], 1)
        err = self.error(self.ssm.get_parameter, Name="/missing")
        self.assertEqual(err["Error"]["Code"], "ParameterNotFound")
        with self.assertRaises(self.ssm.exceptions.ParameterNotFound):
            self.ssm.get_parameter(Name="/missing")
        advanced = self.ssm.put_parameter(Name="/big", Value="x" * 4097, Type="String", Tier="Advanced")
        self.assertEqual(advanced["Tier"], "Advanced")

    def test_tags_filters_and_delete(self):
        self.ssm.put_parameter(Name="/t/a", Value="1", Type="String", Tags=[{"Key": "team", "Value": "blue"}])
        self.ssm.put_parameter(Name="/t/b", Value="2", Type="StringList")
        self.ssm.add_tags_to_resource(ResourceType="Parameter", ResourceId="/t/b", Tags=[{"Key": "team", "Value": "red"}])
        tags = self.ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId="/t/b")["TagList"]
        self.assertEqual(tags, [{"Key": "team", "Value": "red"}])
        blue = self.ssm.describe_parameters(ParameterFilters=[{"Key": "tag:team", "Values": ["blue"]}])["Parameters"]
        self.assertEqual([p["Name"] for p in blue], ["/t/a"])
        lists = self.ssm.describe_parameters(ParameterFilters=[{"Key": "Type", "Values": ["StringList"]}])["Parameters"]
        self.assertEqual([p["Name"] for p in lists], ["/t/b"])
        self.ssm.remove_tags_from_resource(ResourceType="Parameter", ResourceId="/t/b", TagKeys=["team"])
        self.assertEqual(self.ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId="/t/b")["TagList"], [])
        err = self.error(self.ssm.list_tags_for_resource, ResourceType="Parameter", ResourceId="/t/none")
        self.assertEqual(err["Error"]["Code"], "InvalidResourceId")
        out = self.ssm.delete_parameters(Names=["/t/a", "/t/none"])
        self.assertEqual((out["DeletedParameters"], out["InvalidParameters"]), (["/t/a"], ["/t/none"]))
        self.ssm.delete_parameter(Name="/t/b")
        self.assertEqual(self.error(self.ssm.delete_parameter, Name="/t/b")["Error"]["Code"], "ParameterNotFound")

    def test_service_settings(self):
        setting = "/ssm/parameter-store/high-throughput-enabled"
        self.assertEqual(self.ssm.get_service_setting(SettingId=setting)["ServiceSetting"]["SettingValue"], "false")
        self.ssm.update_service_setting(SettingId=setting, SettingValue="true")
        got = self.ssm.get_service_setting(SettingId=setting)["ServiceSetting"]
        self.assertEqual((got["SettingValue"], got["Status"]), ("true", "Customized"))
        reset = self.ssm.reset_service_setting(SettingId=setting)["ServiceSetting"]
        self.assertEqual((reset["SettingValue"], reset["Status"]), ("false", "Default"))
        err = self.error(self.ssm.get_service_setting, SettingId="/ssm/not/a/setting")
        self.assertEqual(err["Error"]["Code"], "ServiceSettingNotFound")

    def test_sequential_overwrites_never_conflict(self):
        """Only writes racing each other are concurrent updates (see ConcurrentUpdateTest)."""
        self.ssm.put_parameter(Name="/race", Value="0", Type="String")
        # A sequential writer never trips the 1 ms window: each call waits for the previous answer.
        for i in range(20):
            self.ssm.put_parameter(Name="/race", Value=str(i), Overwrite=True)
        self.assertEqual(self.ssm.get_parameter(Name="/race")["Parameter"]["Version"], 21)


class ConcurrentUpdateTest(ServerTestCase):
    CONFIG = CONFIG + "ssm: {concurrent_update_window_ms: 300}\n"

    def test_racing_writers_get_too_many_updates(self):
        from concurrent.futures import ThreadPoolExecutor
        ssm = self.server.client("ssm", retries={"total_max_attempts": 1}, max_pool_connections=8)
        ssm.put_parameter(Name="/contended", Value="0", Type="String")
        time.sleep(0.4)  # past the window of the create
        start = threading.Barrier(8)

        def overwrite(i):
            start.wait()
            try:
                return ssm.put_parameter(Name="/contended", Value=str(i), Overwrite=True)["Version"]
            except ClientError as e:
                return e.response["Error"]["Code"]

        with ThreadPoolExecutor(8) as pool:
            outcomes = list(pool.map(overwrite, range(8)))
        self.assertEqual(outcomes.count(2), 1, outcomes)
        self.assertEqual(outcomes.count("TooManyUpdates"), 7, outcomes)
        self.assertEqual(ssm.get_parameter(Name="/contended")["Parameter"]["Version"], 2)


class AwsCliTest(ServerTestCase):
    CONFIG = CONFIG

    def cli(self, cli, *args):
        out = subprocess.run([cli, "ssm", *args, "--endpoint-url", self.server.endpoint, "--output", "json"],
                             capture_output=True, text=True, timeout=120, env=self.server.cli_env())
        self.assertEqual(out.returncode, 0, out.stderr)
        return json.loads(out.stdout) if out.stdout.strip() else {}

    def test_cli_round_trip(self):
        """Each CLI start costs seconds, so every call checks several things."""
        clis = aws_clis()
        self.assertTrue(clis, "no AWS CLI found")
        for cli, version in clis:
            with self.subTest(cli=version):
                self.reset()
                self.server.client("ssm").put_parameter(Name="/cli/sub/deeper/c", Value="c", Type="String")
                self.assertEqual(self.cli(cli, "put-parameter", "--name", "/cli/a", "--value", "one",
                                          "--type", "String")["Version"], 1)
                self.assertEqual(self.cli(cli, "put-parameter", "--name", "/cli/a", "--value", "two",
                                          "--overwrite")["Version"], 2)
                self.cli(cli, "put-parameter", "--name", "/cli/sub/b", "--value", "pw", "--type", "SecureString")
                self.cli(cli, "label-parameter-version", "--name", "/cli/a", "--parameter-version", "1",
                         "--labels", "golden")
                history = self.cli(cli, "get-parameter-history", "--name", "/cli/a")["Parameters"]
                self.assertEqual([(h["Value"], h["Labels"]) for h in history], [("one", ["golden"]), ("two", [])])
                got = self.cli(cli, "get-parameters", "--names", "/cli/a:golden", "/cli/sub/b", "/cli/missing",
                               "--with-decryption")
                self.assertEqual({p["Name"]: p["Value"] for p in got["Parameters"]}, {"/cli/a": "one", "/cli/sub/b": "pw"})
                self.assertEqual(got["InvalidParameters"], ["/cli/missing"])
                # --page-size 1 makes the CLI follow NextToken across three pages.
                by_path = self.cli(cli, "get-parameters-by-path", "--path", "/cli", "--recursive",
                                   "--page-size", "1")["Parameters"]
                self.assertEqual(sorted(p["Name"] for p in by_path), ["/cli/a", "/cli/sub/b", "/cli/sub/deeper/c"])
                self.assertNotEqual(next(p for p in by_path if p["Name"] == "/cli/sub/b")["Value"], "pw")


if __name__ == "__main__":
    unittest.main()
