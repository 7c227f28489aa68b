"""Mail servers for tests: one that takes every message (a real SMTP server on
127.0.0.1, aiosmtpd), and one that accepts connections and never answers."""

import socket
import threading
import time
from email import message_from_bytes
from email.header import decode_header, make_header

from aiosmtpd.controller import Controller

from tests.environment import free_port


class Collect:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content)
        self.messages.append(
            {
                "to": list(envelope.rcpt_tos),
                "subject": str(make_header(decode_header(message["Subject"]))),
            }
        )
        return "250 OK"


class MailSink:
    """An SMTP server on 127.0.0.1 keeping what it receives in `messages`."""

    def __enter__(self):
        self.port = free_port()
        self.handler = Collect()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc_info):
        self.controller.stop()

    @property
    def messages(self):
        return list(self.handler.messages)

    def wait_for(self, count, timeout):
        """The messages, once `count` have arrived (or the timeout passed)."""
        deadline = time.monotonic() + timeout
        while len(self.handler.messages) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return self.messages


class SilentMailServer:
    """Accepts connections on 127.0.0.1 and never says a word, as a hung mail server does."""

    def __enter__(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.accepting = threading.Thread(target=self.accept, daemon=True)
        self.accepting.start()
        return self

    def accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    def __exit__(self, *exc_info):
        self.listener.close()
        for connection in self.connections:
            connection.close()
