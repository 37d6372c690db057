"""What the EC2 integration tests share: a server whose instances change state in half a second, so that waiters
polling every second see the final state on their second or third poll."""
AMI = "ami-0a1b2c3d4e5f60001"
CONFIG = """
ec2:
  pending_seconds: 0.5
  stopping_seconds: 0.5
  shutting_down_seconds: 0.5
"""
FAST_WAITER = {"Delay": 1, "MaxAttempts": 15}
NO_RETRIES = {"total_max_attempts": 1}
