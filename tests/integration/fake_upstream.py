"""An upstream emulator written for the forwarding tests: records every request it gets and answers what the test
tells it to, so the tests need no third-party emulator. HTTP/1.1 with keep-alive, on 127.0.0.1."""
import http.server
import socket
import threading


class FakeUpstream:
    def __init__(self, port=0):
        self.requests = []  # (method, path, headers dict (lower-case names), body bytes)
        self.connections = set()
        self.answer = lambda method, path, headers, body: (200, {"Content-Type": "application/xml"}, b"<ok/>")
        self.lock = threading.Lock()
        self.open_sockets = set()
        upstream = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def setup(self):
                super().setup()
                with upstream.lock:
                    upstream.open_sockets.add(self.connection)

            def finish(self):
                try:
                    super().finish()
                except OSError:
                    pass  # the other side went away first
                with upstream.lock:
                    upstream.open_sockets.discard(self.connection)

            def handle_one(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                with upstream.lock:
                    upstream.requests.append((self.command, self.path, headers, body))
                    upstream.connections.add(self.client_address)
                status, out_headers, out_body = upstream.answer(self.command, self.path, headers, body)
                self.send_response(status)
                for name, value in out_headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(out_body)))
                self.end_headers()
                if self.command != "HEAD":
                    try:
                        self.wfile.write(out_body)
                    except BrokenPipeError:
                        pass  # the caller gave up waiting (a timeout test)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_one

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        """Stops listening and drops every open connection, as a process that exits would."""
        self.server.shutdown()
        self.server.server_close()
        with self.lock:
            for sock in list(self.open_sockets):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
