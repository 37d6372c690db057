"""What the endpoint answers around API calls, as DynamoDB's endpoint does (the public dynalite suite, written
against real DynamoDB, pins these down): CORS, the health line, 404 stubs, media types, 413 for large bodies."""
import http.client
import json
import socket
import time
import unittest
import zlib

from harness import ServerTestCase, Server


def request(server, method="POST", body=None, headers=None, path="/"):
    conn = http.client.HTTPConnection(server.endpoint.split("//")[1], timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read().decode()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


class FrontEndTest(ServerTestCase):
    def assert_request_id(self, headers):
        self.assertRegex(headers["x-amzn-requestid"], r"^[0-9A-Z]{52}$")

    def test_get_of_the_root_is_a_health_check_naming_the_host(self):
        for host in ("dynamodb.us-east-1.amazonaws.com", "localhost:4566"):
            status, headers, body = request(self.server, "GET", path="/", headers={"Host": host})
            self.assertEqual(status, 200)
            self.assertEqual(body, f"healthy: {host} ")
            self.assertEqual(headers["x-amz-crc32"], str(zlib.crc32(body.encode())))
            self.assert_request_id(headers)
        for path in ("/anything", "/health", "/index.htm"):
            status, _, body = request(self.server, "GET", path=path)
            self.assertEqual((status, body), (404, "<UnknownOperationException/>\n"))

    def test_non_api_requests_get_the_404_stub(self):
        cases = [("PUT", None, {}), ("DELETE", None, {}), ("POST", "hi", {}),
                 ("POST", "hi", {"Content-Type": "whatever"}), ("POST", "hi", {"Content-Type": "application/x-amz-json-1.1"}),
                 ("POST", "hi", {"Content-Type": "application/jsonasdf"}), ("OPTIONS", None, {})]
        for method, body, headers in cases:
            with self.subTest(method=method, headers=headers):
                status, got, text = request(self.server, method, body, headers)
                self.assertEqual(status, 404)
                self.assertEqual(text, "<UnknownOperationException/>\n")
                self.assertEqual(got["x-amz-crc32"], "3552371480")

    def test_bad_json_is_a_serialization_error_in_the_callers_media_type(self):
        for content_type, expected in (("application/json", "application/json"),
                                       ("  application/json  ;   asfd", "application/json"),
                                       ("application/x-amz-json-1.0;blah", "application/x-amz-json-1.0")):
            with self.subTest(content_type=content_type):
                status, headers, body = request(self.server, body="hi", headers={"Content-Type": content_type})
                self.assertEqual(status, 400)
                self.assertEqual(json.loads(body), {"__type": "com.amazon.coral.service#SerializationException"})
                self.assertEqual(headers["content-type"], expected)
                self.assertEqual(headers["x-amz-crc32"], str(zlib.crc32(body.encode())))

    def test_missing_or_wrong_target_is_an_unknown_operation(self):
        for headers in ({}, {"X-Amz-Target": "whatever"}, {"X-Amz-Target": "DynamoDB_20120810.ListTable"}):
            with self.subTest(headers=headers):
                status, got, body = request(self.server, headers=headers)
                self.assertEqual(status, 400)
                self.assertEqual(json.loads(body), {"__type": "com.amazon.coral.service#UnknownOperationException"})
                self.assertEqual(got["content-type"], "application/json")

    def test_dynamodb_call_without_a_body_is_a_serialization_error(self):
        status, _, body = request(self.server, headers={"X-Amz-Target": "DynamoDB_20120810.ListTables"})
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body), {"__type": "com.amazon.coral.service#SerializationException"})

    def test_cors(self):
        status, headers, body = request(self.server, "OPTIONS", headers={
            "Origin": "x", "Access-Control-Request-Headers": "a, b", "Access-Control-Request-Method": "d"})
        self.assertEqual(status, 200)
        self.assertEqual(body, "")
        self.assertEqual(headers["access-control-allow-origin"], "*")
        self.assertEqual(headers["access-control-allow-headers"], "a, b")
        self.assertEqual(headers["access-control-allow-methods"], "d")
        self.assertEqual(headers["access-control-max-age"], "172800")
        exposed = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"
        self.assertEqual(headers["access-control-expose-headers"], exposed)
        status, headers, _ = request(self.server, headers={"Origin": "x"})
        self.assertEqual(headers["access-control-allow-origin"], "*")
        self.assertEqual(headers["access-control-expose-headers"], exposed)

    def test_other_json_services_keep_their_own_media_type(self):
        status, headers, body = request(self.server, body="{}", headers={
            "X-Amz-Target": "AmazonSSM.DescribeParameters", "Content-Type": "application/x-amz-json-1.1"})
        self.assertEqual(status, 200, body)
        self.assertEqual(headers["content-type"], "application/x-amz-json-1.1")

    def test_body_over_16_mib_gets_413_after_the_client_finishes_sending(self):
        host, port = self.server.endpoint.split("//")[1].split(":")
        size = 16 * 1024 * 1024 + 1
        with socket.create_connection((host, int(port)), timeout=30) as s:
            s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % size)
            s.sendall(b"a" * size)  # the server reads it all: no broken pipe
            response = b""
            while b"0\r\n\r\n" not in response:
                chunk = s.recv(4096)
                if not chunk:
                    break
                response += chunk
            # DynamoDB closes the connection once the refused body has arrived, not after an idle timeout.
            started = time.monotonic()
            closed = s.recv(4096) == b""
            waited = time.monotonic() - started
        self.assertTrue(response.startswith(b"HTTP/1.1 413"), response)
        self.assertIn(b"Transfer-Encoding: chunked", response)
        self.assertTrue(response.endswith(b"\r\n\r\n0\r\n\r\n"), response)
        self.assertTrue(closed)
        self.assertLess(waited, 15)  # the read timeout is 30 s
        status, _, _ = request(self.server, "POST", body="a" * (16 * 1024 * 1024))
        self.assertEqual(status, 404)  # exactly 16 MiB is accepted (then refused as no API call)

    def test_a_dynamodb_call_over_16_mib_is_refused_before_it_is_decoded(self):
        """A signed PutItem whose body is over the limit gets the endpoint's bare 413 (chunked, empty, no JSON error)
        and its connection is closed; the same client's next call, on a new connection, is answered."""
        from botocore.exceptions import ClientError
        ddb = self.server.client("dynamodb", retries={"max_attempts": 1})
        ddb.create_table(TableName="big-bodies", KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "p", "AttributeType": "S"}],
                         BillingMode="PAY_PER_REQUEST")
        with self.assertRaises(ClientError) as raised:
            ddb.put_item(TableName="big-bodies", Item={"p": {"S": "x"}, "a": {"S": "x" * (16 * 1024 * 1024 + 7)}})
        answer = raised.exception.response
        headers = answer["ResponseMetadata"]["HTTPHeaders"]
        self.assertEqual((answer["ResponseMetadata"]["HTTPStatusCode"], answer["Error"]["Code"]), (413, "413"))
        self.assertEqual((headers["connection"], headers["transfer-encoding"]), ("close", "chunked"))
        self.assertIn("big-bodies", ddb.list_tables()["TableNames"])


class UnsignedRefusedTest(ServerTestCase):
    CONFIG = "auth:\n  allow_unsigned: false\n"

    def test_unsigned_calls_get_missing_authentication_token(self):
        for path in ("/", "/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d"):
            with self.subTest(path=path):
                status, _, body = request(self.server, path=path, body="{}", headers={
                    "X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "application/x-amz-json-1.0"})
                self.assertEqual(status, 400)
                self.assertEqual(json.loads(body), {
                    "__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
                    "message": "Request is missing Authentication Token"})
        # Signed calls still work.
        self.assertEqual(self.server.client("dynamodb").list_tables()["TableNames"], [])


if __name__ == "__main__":
    unittest.main()
