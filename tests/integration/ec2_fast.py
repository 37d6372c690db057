"""What the EC2 integration tests share: a server whose instances change state in half a second, so that waiters
polling every second see the final state on their second or third poll."""
from botocore.exceptions import ClientError

from harness import ServerTestCase

AMI = "ami-0a1b2c3d4e5f60001"
CONFIG = """
ec2:
  pending_seconds: 0.5
  stopping_seconds: 0.5
  shutting_down_seconds: 0.5
"""
FAST_WAITER = {"Delay": 1, "MaxAttempts": 15}
NO_RETRIES = {"total_max_attempts": 1}


class Ec2AccountTestCase(ServerTestCase):
    """A server with fast EC2 states, where each test works in an account of its own (so tests share no
    resources or quota) without retries, and checks error codes."""
    CONFIG = CONFIG

    def client(self, account):
        return self.server.client("ec2", access_key=account, retries=NO_RETRIES)

    def assert_error(self, code, call, *args, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(*args, **kwargs)
        self.assertEqual(caught.exception.response["Error"]["Code"], code)
        return caught.exception
