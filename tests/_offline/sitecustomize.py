"""Block outbound network in every Python process the tests start (kernels, servers, CLIs).

The test suite puts this folder on PYTHONPATH, so each child Python imports it at start-up.
Loopback (127.0.0.0/8, ::1, localhost) and Unix sockets stay open: kernels and the Jupyter
server talk over them. Anything else raises, so a feature that secretly downloads fails its test.
"""

import ipaddress
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _allowed(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths and the like
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name that is not localhost would need DNS: outbound


class OutboundNetworkBlocked(OSError):
    pass


def _guard(address):
    if not _allowed(address):
        raise OutboundNetworkBlocked(f"outbound network is blocked in the test suite: {address!r}")


def connect(self, address):
    _guard(address)
    return _connect(self, address)


def connect_ex(self, address):
    _guard(address)
    return _connect_ex(self, address)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
