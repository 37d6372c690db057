"""STS temporary credentials with boto3: AssumeRole and GetSessionToken issue ASIA keys with a session token, and
calls signed with them act as the role's account until the session expires on the emulated clock."""
import base64
import json
import unittest

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import Server

ROLE = "arn:aws:iam::222222222222:role/ci/deployer"
NO_RETRIES = {"total_max_attempts": 1}


def code_of(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get(
            "Message", "")
    return None


def web_identity_token(**claims):
    """A JWT as an OIDC provider issues one (Chokepoint reads its claims and does not check its signature)."""
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'RS256', 'kid': 'k1'})}.{part(claims)}.c2lnbmF0dXJl"


def session_client(server, service, credentials):
    return boto3.client(service, endpoint_url=server.endpoint, region_name="us-east-1",
                        aws_access_key_id=credentials["AccessKeyId"],
                        aws_secret_access_key=credentials["SecretAccessKey"],
                        aws_session_token=credentials["SessionToken"], config=Config(retries=NO_RETRIES))


class StsSessionsTest(unittest.TestCase):
    CONFIG = """
auth: {require_signature: true}
accounts:
  - {access_key: AKIASTSSESSIONS00001, secret_key: sessions-secret, account: "111111111111", user: ci-runner}
  - {access_key: AKIAROLEACCOUNT00001, secret_key: role-secret, account: "222222222222"}
"""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(cls.CONFIG, args=["--clock", "manual"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def sts(self):
        return self.server.client("sts", access_key="AKIASTSSESSIONS00001", secret_key="sessions-secret",
                                  retries=NO_RETRIES)

    def admin_clock(self, **change):
        status, body = self.server.admin("/_chokepoint/clock", "POST", change)
        self.assertEqual(status, 200, body)

    def test_assumed_role_acts_in_the_roles_account(self):
        answer = self.sts().assume_role(RoleArn=ROLE, RoleSessionName="build-42")
        credentials = answer["Credentials"]
        self.assertTrue(credentials["AccessKeyId"].startswith("ASIA"))
        self.assertEqual(answer["AssumedRoleUser"]["Arn"], "arn:aws:sts::222222222222:assumed-role/deployer/build-42")
        self.assertTrue(answer["AssumedRoleUser"]["AssumedRoleId"].startswith("AROA"))
        self.assertTrue(answer["AssumedRoleUser"]["AssumedRoleId"].endswith(":build-42"))

        me = session_client(self.server, "sts", credentials).get_caller_identity()
        self.assertEqual(me["Account"], "222222222222")
        self.assertEqual(me["Arn"], answer["AssumedRoleUser"]["Arn"])
        self.assertEqual(me["UserId"], answer["AssumedRoleUser"]["AssumedRoleId"])

        # State made with the role's credentials is the role account's.
        session_client(self.server, "ssm", credentials).put_parameter(Name="/sts/made-by-role", Value="v",
                                                                       Type="String")
        owner = self.server.client("ssm", access_key="AKIAROLEACCOUNT00001", secret_key="role-secret")
        self.assertEqual(owner.get_parameter(Name="/sts/made-by-role")["Parameter"]["Value"], "v")
        self.assertEqual(self.sts().get_access_key_info(AccessKeyId=credentials["AccessKeyId"])["Account"],
                         "222222222222")

    def test_sessions_expire_on_the_emulated_clock(self):
        credentials = self.sts().assume_role(RoleArn=ROLE, RoleSessionName="short", DurationSeconds=900)["Credentials"]
        ssm = session_client(self.server, "ssm", credentials)
        ssm.describe_parameters()
        self.admin_clock(advance=899)
        ssm.describe_parameters()
        self.admin_clock(advance=1)
        self.assertEqual(code_of(ssm.describe_parameters),
                         ("ExpiredTokenException", 400, "The security token included in the request is expired"))
        self.assertEqual(code_of(session_client(self.server, "sts", credentials).get_caller_identity)[:2],
                         ("ExpiredToken", 403))
        self.assertEqual(code_of(session_client(self.server, "ec2", credentials).describe_instances)[:2],
                         ("RequestExpired", 400))

    def test_the_session_token_and_secret_must_match(self):
        credentials = self.sts().get_session_token(DurationSeconds=900)["Credentials"]
        me = session_client(self.server, "sts", credentials).get_caller_identity()
        self.assertEqual(me["Arn"], "arn:aws:iam::111111111111:user/ci-runner")  # the caller, in its own account
        wrong_token = dict(credentials, SessionToken="IQoJb3JpZ2luX2VjEnotthetoken")
        self.assertEqual(code_of(session_client(self.server, "sts", wrong_token).get_caller_identity)[:2],
                         ("InvalidClientTokenId", 403))
        wrong_secret = dict(credentials, SecretAccessKey="x" * 40)
        self.assertEqual(code_of(session_client(self.server, "sts", wrong_secret).get_caller_identity)[:2],
                         ("SignatureDoesNotMatch", 403))
        self.assertEqual(code_of(session_client(self.server, "sts", credentials).get_session_token)[:2],
                         ("AccessDenied", 403))

    def test_durations_names_and_arns_are_checked(self):
        # Without boto3's own checks, so that the server's answers show (the AWS CLI and other SDKs send as given).
        sts = self.server.client("sts", access_key="AKIASTSSESSIONS00001", secret_key="sessions-secret",
                                 retries=NO_RETRIES, parameter_validation=False)
        cases = [
            (lambda: sts.assume_role(RoleArn=ROLE, RoleSessionName="x y"), "ValidationError", "regular expression"),
            (lambda: sts.assume_role(RoleArn=ROLE, RoleSessionName="ok", DurationSeconds=60), "ValidationError",
             "greater than or equal to 900"),
            (lambda: sts.assume_role(RoleArn=ROLE, RoleSessionName="ok", DurationSeconds=43201), "ValidationError",
             "less than or equal to 43200"),
            (lambda: sts.assume_role(RoleArn="arn:aws:iam::222222222222:user/bob", RoleSessionName="ok"),
             "AccessDenied", "not authorized to perform: sts:AssumeRole"),
            (lambda: sts.get_session_token(DurationSeconds=129601), "ValidationError", "129600"),
            # Chokepoint issues no encoded authorization messages, so none can be decoded.
            (lambda: sts.decode_authorization_message(EncodedMessage="abc"), "InvalidAuthorizationMessageException",
             "encoded authorization message"),
            (lambda: sts.decode_authorization_message(EncodedMessage=""), "ValidationError", "greater than or equal"),
        ]
        for call, code, text in cases:
            with self.subTest(code=code, text=text):
                error = code_of(call)
                self.assertIsNotNone(error)
                self.assertEqual(error[0], code)
                self.assertIn(text, error[2])
        # Role chaining: a role's credentials assume another role for at most an hour.
        credentials = sts.assume_role(RoleArn=ROLE, RoleSessionName="first")["Credentials"]
        chained = session_client(self.server, "sts", credentials)
        self.assertEqual(code_of(lambda: chained.assume_role(RoleArn=ROLE, RoleSessionName="second",
                                                             DurationSeconds=7200))[0], "ValidationError")
        chained.assume_role(RoleArn=ROLE, RoleSessionName="second", DurationSeconds=3600)

    def test_web_identity_tokens_are_exchanged_without_a_signature(self):
        # The call is unsigned, as botocore sends it, although this server refuses other unsigned calls.
        sts = boto3.client("sts", endpoint_url=self.server.endpoint, region_name="us-east-1",
                           config=Config(retries=NO_RETRIES, signature_version=botocore.UNSIGNED))
        token = web_identity_token(iss="https://token.actions.githubusercontent.com", sub="repo:acme/app:ref:main",
                                   aud=["sts.amazonaws.com"], exp=4102444800)
        answer = sts.assume_role_with_web_identity(RoleArn=ROLE, RoleSessionName="gha-run-7", WebIdentityToken=token,
                                                   DurationSeconds=900)
        self.assertEqual(answer["SubjectFromWebIdentityToken"], "repo:acme/app:ref:main")
        self.assertEqual(answer["Provider"], "https://token.actions.githubusercontent.com")
        self.assertEqual(answer["Audience"], "sts.amazonaws.com")
        self.assertEqual(answer["AssumedRoleUser"]["Arn"], "arn:aws:sts::222222222222:assumed-role/deployer/gha-run-7")
        identity = session_client(self.server, "sts", answer["Credentials"]).get_caller_identity()
        self.assertEqual((identity["Account"], identity["Arn"]),
                         ("222222222222", "arn:aws:sts::222222222222:assumed-role/deployer/gha-run-7"))

        def refused(token, **params):
            return code_of(lambda: sts.assume_role_with_web_identity(
                RoleArn=ROLE, RoleSessionName="gha", WebIdentityToken=token, **params))
        code, status, message = refused(web_identity_token(sub="s", exp=1000000000))
        self.assertEqual((code, status), ("ExpiredTokenException", 400))
        self.assertRegex(message, r"^Token expired: current date/time \d+ must be before the expiration date/time1000000000$")
        self.assertEqual(refused("not-a-jwt")[:2], ("InvalidIdentityToken", 400))
        self.assertEqual(refused(web_identity_token(iss="x"))[:2], ("InvalidIdentityToken", 400))
        self.assertEqual(refused(token, DurationSeconds=43201)[:2], ("ValidationError", 400))
        # Other unsigned calls are still refused here.
        self.assertEqual(code_of(sts.get_caller_identity)[0], "MissingAuthenticationToken")


if __name__ == "__main__":
    unittest.main()
